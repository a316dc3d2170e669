import Foundation

/// How a BigCommerce currency is shown to shoppers (`/v2/currencies`: `token`, `token_location`,
/// `decimal_token`, `thousands_token`).
public struct CurrencyDisplay: Sendable, Hashable {
    /// The symbol, e.g. `$`; may be empty.
    public var token: String
    /// Whether the symbol goes before the amount (`token_location` `left`).
    public var tokenOnLeft: Bool
    /// The decimal separator.
    public var decimalToken: String
    /// The thousands separator; may be empty.
    public var thousandsToken: String

    /// Creates a display.
    public init(token: String, tokenOnLeft: Bool, decimalToken: String, thousandsToken: String) {
        self.token = token
        self.tokenOnLeft = tokenOnLeft
        self.decimalToken = decimalToken.isEmpty ? "." : decimalToken
        self.thousandsToken = thousandsToken
    }

    /// `amount` rounded to `decimalPlaces` (half away from zero, as mapping.md §5 rounds), its digits grouped
    /// in thousands, with the separators and the symbol. A symbol on the right is set off by a space unless it
    /// is empty. Negative amounts keep their sign before the symbol.
    public func format(_ amount: Decimal, decimalPlaces: Int) -> String {
        let places = max(0, min(decimalPlaces, 8))
        var value = amount
        var rounded = Decimal()
        // `.plain` rounds a half up for positive amounts and down for negative ones: away from zero.
        NSDecimalRound(&rounded, &value, places, .plain)
        let negative = rounded < 0
        let digits = Self.fixedDigits(negative ? -rounded : rounded, places: places)
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        let whole = Self.group(String(parts[0]), separator: thousandsToken)
        let number = parts.count > 1 ? whole + decimalToken + parts[1] : whole
        let sign = negative ? "-" : ""
        guard !token.isEmpty else { return sign + number }
        return tokenOnLeft ? sign + token + number : sign + number + " " + token
    }

    /// Plain digits with exactly `places` decimals, from the decimal's own digits (never through `Double`).
    static func fixedDigits(_ value: Decimal, places: Int) -> String {
        var text = NSDecimalNumber(decimal: value).stringValue
        if text.contains("e") || text.contains("E") { text = "\(value)" }
        var parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1 { parts.append("") }
        let fraction = String((parts[1] + String(repeating: "0", count: places)).prefix(places))
        return places == 0 ? parts[0] : parts[0] + "." + fraction
    }

    static func group(_ digits: String, separator: String) -> String {
        guard !separator.isEmpty, digits.count > 3 else { return digits }
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return groups.joined(separator: separator)
    }
}
