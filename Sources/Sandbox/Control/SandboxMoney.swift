import Foundation

/// Amounts of money as the control API takes them: digits, optionally a point and 1 to 4 decimals (`19.99`, `0`,
/// `12.5`); no sign, exponent or grouping, and at most 9 digits before the point.
public enum SandboxMoney {
    /// The amount `text` spells, or nil when it is not one.
    public static func parse(_ text: String) -> Decimal? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        func digits(_ part: Substring, atMost count: Int) -> Bool {
            (1...count).contains(part.count) && part.allSatisfy { ("0"..."9").contains($0) }
        }
        guard digits(parts[0], atMost: 9), parts.count == 1 || digits(parts[1], atMost: 4) else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }
}
