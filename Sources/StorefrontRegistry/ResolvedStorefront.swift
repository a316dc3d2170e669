import CatalogMapping
import ClerkAPI

/// A storefront with everything resolved from the store at start: the mapping's view of it (channel,
/// currency, locale, base URL), the Clerk store it feeds, and how its currency is shown.
public struct ResolvedStorefront: Sendable, Hashable {
    /// The channel, currency code, locale and base URL the documents are built for.
    public var storefront: Storefront
    /// The Clerk store (key pair) that receives the documents.
    public var clerkKeys: ClerkStoreKeys
    /// Its currency: exchange rate, decimal places and how shoppers see amounts.
    public var currency: SourceCurrency
    /// Whether its product texts are the catalog's or translations into its locale.
    public var language: StorefrontLanguage

    /// The operator's handle, as in `--storefront NAME`.
    public var name: String { storefront.name }
    /// The BigCommerce channel it sells on.
    public var channelID: Int { storefront.channelID }
    /// Where its pages live, without a trailing slash.
    public var baseURL: String { storefront.baseURL }
    /// Its language code.
    public var locale: String { storefront.locale }

    /// Creates a resolved storefront.
    public init(
        storefront: Storefront, clerkKeys: ClerkStoreKeys, currency: SourceCurrency, language: StorefrontLanguage = .catalogText
    ) {
        self.storefront = storefront
        self.clerkKeys = clerkKeys
        self.currency = currency
        self.language = language
    }
}
