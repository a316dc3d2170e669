import Foundation

/// JSON number text for values that must not pass through `Double` (money).
public enum JSONNumber {
    /// `value` in plain notation (no exponent, no trailing fractional zeros), e.g. `19.99`, `0.1`, `-3`;
    /// nil when `value` is NaN, which JSON cannot express.
    public static func decimal(_ value: Decimal) -> [UInt8]? {
        guard value.isFinite else { return nil }
        if value.isZero { return [UInt8(ascii: "0")] }
        var text = Array(value.description.utf8)
        if text.contains(UInt8(ascii: ".")) {
            while text.last == UInt8(ascii: "0") { text.removeLast() }
            if text.last == UInt8(ascii: ".") { text.removeLast() }
        }
        return text
    }
}
