import CatalogMapping
import ClerkAPI

/// A storefront as shoppers are served on it: its name, currency, Clerk store and BigCommerce channel.
public struct Shop: Sendable {
    /// The storefront name.
    public var name: String
    /// Its currency.
    public var currency: SourceCurrency
    /// Its Clerk store.
    public var keys: ClerkStoreKeys
    /// Its BigCommerce channel (whose search merchandising applies).
    public var channelID: Int
    /// Where its pages live (`https://shop.example.com`), for absolute links in emails; nil when unknown.
    public var baseURL: String?

    /// Creates a shop; `channelID` defaults to the store's default channel, 1.
    public init(name: String, currency: SourceCurrency, keys: ClerkStoreKeys, channelID: Int = 1, baseURL: String? = nil) {
        self.name = name
        self.currency = currency
        self.keys = keys
        self.channelID = channelID
        self.baseURL = baseURL
    }
}
