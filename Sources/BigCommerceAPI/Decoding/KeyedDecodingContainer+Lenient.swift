import Foundation

/// Lenient field readers shared by the wire models: absent or `null` falls back to a default,
/// a value of the wrong kind still fails (so a broken record is reported, not silently zeroed).
extension KeyedDecodingContainer {
    /// An id that may be a number or a string; required.
    func lenientInt(_ key: Key) throws -> Int {
        try decode(LenientInt.self, forKey: key).value
    }

    /// An integer that may be a number or a string; `nil` when absent or `null`.
    func lenientIntIfPresent(_ key: Key) throws -> Int? {
        try decodeIfPresent(LenientInt.self, forKey: key)?.value
    }

    /// An integer that may be a number or a string; `fallback` when absent or `null`.
    func lenientInt(_ key: Key, default fallback: Int) throws -> Int {
        try lenientIntIfPresent(key) ?? fallback
    }

    /// A list of ids, each a number or a string; empty when absent or `null`.
    func lenientInts(_ key: Key) throws -> [Int] {
        try decodeIfPresent([LenientInt].self, forKey: key)?.map(\.value) ?? []
    }

    /// A money amount from a number or a numeric string; required.
    func money(_ key: Key) throws -> Decimal {
        try decode(LenientDecimal.self, forKey: key).value
    }

    /// A money amount from a number or a numeric string; `nil` when absent, `null` or `""`.
    func moneyIfPresent(_ key: Key) throws -> Decimal? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        // A number first, so the common case throws nothing; then the V2-style string, where "" means none.
        if let number = try? decode(Decimal.self, forKey: key) { return number }
        if let text = try? decode(String.self, forKey: key), text.trimmingCharacters(in: .whitespaces).isEmpty {
            return nil
        }
        return try decode(LenientDecimal.self, forKey: key).value
    }

    /// A money amount; `fallback` when absent, `null` or `""`.
    func money(_ key: Key, default fallback: Decimal) throws -> Decimal {
        try moneyIfPresent(key) ?? fallback
    }

    /// A string; `fallback` when absent or `null`.
    func string(_ key: Key, default fallback: String = "") throws -> String {
        try decodeIfPresent(String.self, forKey: key) ?? fallback
    }

    /// A boolean (also `0`/`1`, as some V2 fields send); `fallback` when absent or `null`.
    func bool(_ key: Key, default fallback: Bool) throws -> Bool {
        guard contains(key), try !decodeNil(forKey: key) else { return fallback }
        if let flag = try? decode(Bool.self, forKey: key) { return flag }
        if let number = try? decode(Int.self, forKey: key), number == 0 || number == 1 { return number == 1 }
        return try decode(Bool.self, forKey: key)
    }

    /// A date in V3 ISO-8601 or V2 RFC 2822 form; required.
    func date(_ key: Key) throws -> Date {
        let text = try decode(String.self, forKey: key)
        guard let date = BigCommerceDate.parse(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "unrecognised date \"\(text)\"")
        }
        return date
    }

    /// A date in V3 ISO-8601 or V2 RFC 2822 form; `nil` when absent, `null` or `""`.
    func dateIfPresent(_ key: Key) throws -> Date? {
        guard let text = try decodeIfPresent(String.self, forKey: key), !text.isEmpty else { return nil }
        guard let date = BigCommerceDate.parse(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "unrecognised date \"\(text)\"")
        }
        return date
    }

    /// A list of nested records; empty when absent or `null`.
    func list<T: Decodable>(_ type: T.Type, _ key: Key) throws -> [T] {
        try decodeIfPresent([T].self, forKey: key) ?? []
    }
}
