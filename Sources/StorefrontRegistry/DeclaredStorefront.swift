import ClerkAPI

/// A storefront as the operator declared it: only the Clerk keys are required, the rest is discovered from the
/// store (mapping.md section 1).
public struct DeclaredStorefront: Sendable, Hashable {
    /// The operator's handle, `[a-z0-9-]+`.
    public var name: String
    /// The BigCommerce channel; defaults to 1.
    public var channelID: Int?
    /// ISO currency code; defaults to the channel's default currency, else the store's.
    public var currency: String?
    /// Language code; defaults to the store's language.
    public var locale: String?
    /// Absolute storefront URL without a trailing slash; defaults to the channel site's primary URL.
    public var baseURL: String?
    /// Whether hidden categories are synced too (mapping.md section 3).
    public var includeHiddenCategories: Bool
    /// The Clerk store this storefront feeds.
    public var clerkKeys: ClerkStoreKeys

    /// Creates a declaration.
    public init(
        name: String, channelID: Int? = nil, currency: String? = nil, locale: String? = nil,
        baseURL: String? = nil, includeHiddenCategories: Bool = false, clerkKeys: ClerkStoreKeys
    ) {
        self.name = name
        self.channelID = channelID
        self.currency = currency
        self.locale = locale
        self.baseURL = baseURL
        self.includeHiddenCategories = includeHiddenCategories
        self.clerkKeys = clerkKeys
    }
}
