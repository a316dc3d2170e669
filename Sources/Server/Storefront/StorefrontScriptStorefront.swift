/// One storefront as the storefront script sees it: what it needs to label events, nothing secret.
public struct StorefrontScriptStorefront: Sendable, Hashable {
    /// The storefront's name (events carry it as `storefront`).
    public var name: String
    /// The BigCommerce channel it sells on.
    public var channelID: Int
    /// ISO currency code; the script picks the storefront whose currency matches a BODL event's `currency`.
    public var currency: String?
    /// Language code, e.g. `en`.
    public var locale: String?

    /// Creates a storefront entry.
    public init(name: String, channelID: Int, currency: String? = nil, locale: String? = nil) {
        self.name = name
        self.channelID = channelID
        self.currency = currency
        self.locale = locale
    }
}
