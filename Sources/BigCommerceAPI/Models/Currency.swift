import Foundation

/// A store currency (`/v2/currencies`); the exchange rate comes as a string and is kept exact.
public struct Currency: Decodable, Sendable, Hashable {
    /// Currency id.
    public var id: Int
    /// Whether this is the store's default currency.
    public var isDefault: Bool
    /// ISO code, e.g. `EUR`.
    public var currencyCode: String
    /// Display name.
    public var name: String
    /// Units per one unit of the default currency (`currency_exchange_rate`).
    public var exchangeRate: Decimal
    /// Number of decimal places shown.
    public var decimalPlaces: Int
    /// Whether the currency is enabled.
    public var enabled: Bool
    /// Whether shoppers can pay in this currency.
    public var isTransactional: Bool
    /// The symbol shown with amounts, e.g. `$` or `€` (`token`).
    public var token: String
    /// Where the symbol goes: `left` or `right` (`token_location`).
    public var tokenLocation: String
    /// The decimal separator (`decimal_token`).
    public var decimalToken: String
    /// The thousands separator (`thousands_token`).
    public var thousandsToken: String

    private enum CodingKeys: String, CodingKey {
        case id, name, enabled
        case isDefault = "is_default"
        case currencyCode = "currency_code"
        case exchangeRate = "currency_exchange_rate"
        case decimalPlaces = "decimal_places"
        case isTransactional = "is_transactional"
        case token
        case tokenLocation = "token_location"
        case decimalToken = "decimal_token"
        case thousandsToken = "thousands_token"
    }

    /// Decodes a V2 currency (rate as string or number, decimal places as number or string).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.lenientInt(.id, default: 0)
        isDefault = try c.bool(.isDefault, default: false)
        currencyCode = try c.decode(String.self, forKey: .currencyCode)
        name = try c.string(.name)
        exchangeRate = try c.money(.exchangeRate, default: 1)
        decimalPlaces = try c.lenientInt(.decimalPlaces, default: 2)
        enabled = try c.bool(.enabled, default: true)
        isTransactional = try c.bool(.isTransactional, default: true)
        token = try c.string(.token)
        tokenLocation = try c.string(.tokenLocation, default: "left")
        decimalToken = try c.string(.decimalToken, default: ".")
        thousandsToken = try c.string(.thousandsToken, default: ",")
    }
}
