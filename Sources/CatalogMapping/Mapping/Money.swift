import Foundation

/// Money arithmetic of mapping.md §5.
public enum Money {
    /// Rounds `x` to `places` decimal places, half away from zero (`2.345` → `2.35`, `-2.345` → `-2.35`).
    public static func round(_ x: Decimal, places: Int) -> Decimal {
        var input = x
        var result = Decimal()
        NSDecimalRound(&result, &input, max(0, places), .plain)
        return result
    }
}
