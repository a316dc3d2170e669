import Foundation

/// One store currency (`/v2/currencies`).
public struct SandboxCurrency: Sendable, Hashable {
    /// Currency id.
    public var id: Int
    /// Whether this is the store's default currency.
    public var isDefault: Bool
    /// ISO code.
    public var code: String
    /// Display name.
    public var name: String
    /// Country ISO2 code.
    public var countryISO2: String
    /// Units per one unit of the default currency (sent as a string with 10 decimals).
    public var exchangeRate: Decimal
    /// Decimal places.
    public var decimalPlaces: Int
    /// Currency symbol.
    public var token: String
    /// `left` or `right`.
    public var tokenLocation: String
    /// Whether the currency is enabled.
    public var enabled: Bool
    /// Whether shoppers can pay in it.
    public var isTransactional: Bool

    /// Creates a currency.
    public init(id: Int, isDefault: Bool, code: String, name: String, countryISO2: String, exchangeRate: Decimal, decimalPlaces: Int = 2, token: String, tokenLocation: String = "left", enabled: Bool = true, isTransactional: Bool = true) {
        self.id = id
        self.isDefault = isDefault
        self.code = code
        self.name = name
        self.countryISO2 = countryISO2
        self.exchangeRate = exchangeRate
        self.decimalPlaces = decimalPlaces
        self.token = token
        self.tokenLocation = tokenLocation
        self.enabled = enabled
        self.isTransactional = isTransactional
    }
}
