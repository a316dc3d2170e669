import Foundation

/// Forgiving readers for webhook payloads: an optional field of an unexpected kind reads as `nil` instead of
/// failing the delivery, since the receiver re-fetches the resource anyway.
extension KeyedDecodingContainer {
    /// A string, or a number written as text (`"112"` from `112`); `nil` when absent, `null` or another kind.
    func lenientText(_ key: Key) -> String? {
        if let text = try? decodeIfPresent(String.self, forKey: key) { return text }
        if let int = try? decodeIfPresent(Int.self, forKey: key) { return String(int) }
        if let decimal = try? decodeIfPresent(Decimal.self, forKey: key) { return "\(decimal)" }
        return nil
    }

    /// An integer from a number or a string of digits; `nil` when absent, `null` or not an integer.
    func lenientOptionalInt(_ key: Key) -> Int? {
        (try? decodeIfPresent(LenientInt.self, forKey: key))??.value
    }

    /// A nested object; `nil` when absent, `null` or not decodable as `T`.
    func lenientObject<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
        (try? decodeIfPresent(T.self, forKey: key)) ?? nil
    }
}
