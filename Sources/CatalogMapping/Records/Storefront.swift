import Foundation

/// One BigCommerce channel shown in one currency and one locale, fed into one Clerk.io store (mapping.md §1).
public struct Storefront: Sendable, Hashable, Codable {
    /// The operator's handle, `[a-z0-9-]+`.
    public var name: String
    /// The BigCommerce channel id.
    public var channelID: Int
    /// ISO code of the currency the storefront shows.
    public var currency: String
    /// Language code of the storefront.
    public var locale: String
    /// Absolute storefront URL without a trailing slash.
    public var baseURL: String
    /// Whether hidden categories (and their descendants) are synced too (mapping.md §3).
    public var includeHiddenCategories: Bool

    /// Creates a storefront.
    public init(
        name: String,
        channelID: Int,
        currency: String,
        locale: String,
        baseURL: String,
        includeHiddenCategories: Bool = false
    ) {
        self.name = name
        self.channelID = channelID
        self.currency = currency
        self.locale = locale
        self.baseURL = baseURL
        self.includeHiddenCategories = includeHiddenCategories
    }
}
