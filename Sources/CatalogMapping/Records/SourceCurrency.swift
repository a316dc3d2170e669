import Foundation

/// One store currency (`/v2/currencies`).
public struct SourceCurrency: Sendable, Equatable {
    /// ISO currency code.
    public var code: String
    /// Units of this currency per unit of the store's default currency (1 for the default currency).
    public var exchangeRate: Decimal
    /// Number of decimal places amounts in this currency are rounded to.
    public var decimalPlaces: Int
    /// Whether this is the store's default currency.
    public var isDefault: Bool

    /// Creates a currency.
    public init(code: String, exchangeRate: Decimal, decimalPlaces: Int, isDefault: Bool) {
        self.code = code
        self.exchangeRate = exchangeRate
        self.decimalPlaces = decimalPlaces
        self.isDefault = isDefault
    }
}
