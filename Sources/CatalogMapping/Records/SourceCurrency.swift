import Foundation

/// One store currency (`/v2/currencies`).
public struct SourceCurrency: Sendable, Hashable {
    /// ISO currency code.
    public var code: String
    /// Units of this currency per unit of the store's default currency (1 for the default currency).
    public var exchangeRate: Decimal
    /// Number of decimal places amounts in this currency are rounded to.
    public var decimalPlaces: Int
    /// Whether this is the store's default currency.
    public var isDefault: Bool
    /// How shoppers see amounts in this currency (symbol, its place, separators).
    public var display: CurrencyDisplay

    /// Creates a currency; `display` defaults to the code after the amount with `.` and `,`.
    public init(
        code: String, exchangeRate: Decimal, decimalPlaces: Int, isDefault: Bool, display: CurrencyDisplay? = nil
    ) {
        self.code = code
        self.exchangeRate = exchangeRate
        self.decimalPlaces = decimalPlaces
        self.isDefault = isDefault
        self.display = display ?? CurrencyDisplay(token: code, tokenOnLeft: false, decimalToken: ".", thousandsToken: ",")
    }

    /// `amount` as shoppers see it: rounded to `decimalPlaces` half away from zero, grouped in thousands,
    /// with the currency's separators and symbol, e.g. `$1,234.50` or `1.234,50 €`.
    public func format(_ amount: Decimal) -> String {
        display.format(amount, decimalPlaces: decimalPlaces)
    }
}
