/// Store information (`/v2/store`).
public struct StoreInfo: Decodable, Sendable, Hashable {
    /// Store hash.
    public var id: String
    /// Numeric store id (sent as number or string).
    public var storeID: Int?
    /// Store name.
    public var name: String
    /// Primary domain.
    public var domain: String
    /// Secure storefront URL, e.g. `https://example.com`.
    public var secureURL: String
    /// Default language, e.g. `en`.
    public var language: String
    /// Default currency code.
    public var currency: String
    /// Decimal places of the default currency.
    public var decimalPlaces: Int?
    /// Default channel id.
    public var defaultChannelID: Int?
    /// Plan name.
    public var planName: String

    private enum CodingKeys: String, CodingKey {
        case id, name, domain, language, currency
        case storeID = "store_id"
        case secureURL = "secure_url"
        case decimalPlaces = "decimal_places"
        case defaultChannelID = "default_channel_id"
        case planName = "plan_name"
    }

    /// Decodes the store fields clerkbridge uses.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.string(.id)
        storeID = try c.lenientIntIfPresent(.storeID)
        name = try c.string(.name)
        domain = try c.string(.domain)
        secureURL = try c.string(.secureURL)
        language = try c.string(.language)
        currency = try c.string(.currency)
        decimalPlaces = try c.lenientIntIfPresent(.decimalPlaces)
        defaultChannelID = try c.lenientIntIfPresent(.defaultChannelID)
        planName = try c.string(.planName)
    }
}
