import CatalogMapping
import ClerkAPI

/// A storefront as shoppers are served on it: its name, currency and Clerk store.
public struct Shop: Sendable {
    /// The storefront name.
    public var name: String
    /// Its currency.
    public var currency: SourceCurrency
    /// Its Clerk store.
    public var keys: ClerkStoreKeys
    /// Where its pages live (`https://shop.example.com`), for absolute links in emails; nil when unknown.
    public var baseURL: String?

    /// Creates a shop.
    public init(name: String, currency: SourceCurrency, keys: ClerkStoreKeys, baseURL: String? = nil) {
        self.name = name
        self.currency = currency
        self.keys = keys
        self.baseURL = baseURL
    }
}
