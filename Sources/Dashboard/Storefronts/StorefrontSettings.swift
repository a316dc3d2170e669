import StorefrontRegistry

/// `GET /admin/api/storefronts`: each storefront's settings as resolved against the store (as declared until then),
/// with its Clerk public key and never its private key.
public struct StorefrontSettings: Sendable, Encodable, Equatable {
    /// The storefront's name.
    public var name: String
    /// Whether routes and events without a storefront use it (the first declared).
    public var isDefault: Bool
    /// Whether it was resolved against the store; until then only what was declared is known.
    public var resolved: Bool
    /// The BigCommerce channel it sells on.
    public var channelID: Int?
    /// Its currency.
    public var currency: String?
    /// Its language.
    public var locale: String?
    /// Where its pages live.
    public var baseURL: String?
    /// Whether hidden categories are synced too.
    public var includeHiddenCategories: Bool
    /// The public key of its Clerk store.
    public var clerkPublicKey: String

    /// Every storefront of `registry`, in declaration order.
    public static func all(in registry: StorefrontRegistry) -> [StorefrontSettings] {
        let resolved = registry.resolved
        return registry.declared.enumerated().map { index, declared in
            guard let storefront = resolved?.first(where: { $0.name == declared.name }) else {
                return StorefrontSettings(
                    name: declared.name, isDefault: index == 0, resolved: false, channelID: declared.channelID,
                    currency: declared.currency, locale: declared.locale, baseURL: declared.baseURL,
                    includeHiddenCategories: declared.includeHiddenCategories, clerkPublicKey: declared.clerkKeys.publicKey)
            }
            return StorefrontSettings(
                name: storefront.name, isDefault: index == 0, resolved: true, channelID: storefront.channelID,
                currency: storefront.storefront.currency, locale: storefront.locale, baseURL: storefront.baseURL,
                includeHiddenCategories: storefront.storefront.includeHiddenCategories, clerkPublicKey: storefront.clerkKeys.publicKey)
        }
    }

    enum CodingKeys: String, CodingKey {
        case name, resolved, currency, locale
        case isDefault = "default", channelID = "channel_id", baseURL = "base_url"
        case includeHiddenCategories = "include_hidden_categories", clerkPublicKey = "clerk_public_key"
    }
}
