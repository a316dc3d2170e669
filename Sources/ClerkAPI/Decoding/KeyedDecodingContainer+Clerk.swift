import Foundation

/// Clerk's loosely typed members: ids and counts that may be numbers or numeric strings, display texts that may be
/// numbers, and decimals that must never pass through `Double`.
extension KeyedDecodingContainer {
    /// A string's text, or a number's or boolean's text; nil when absent, `null`, an object or an array.
    func text(_ key: Key) -> String? {
        // Absent members are the common case (every error field of a success); a failed decode costs an error.
        guard contains(key), (try? decodeNil(forKey: key)) == false else { return nil }
        if let text = try? decode(String.self, forKey: key) { return text }
        if let number = try? decode(Int.self, forKey: key) { return String(number) }
        if let number = try? decode(Decimal.self, forKey: key) { return number.description }
        if let flag = try? decode(Bool.self, forKey: key) { return flag ? "true" : "false" }
        return nil
    }

    /// An integer given as a JSON integer or a string holding one; nil when absent or `null`.
    /// - Throws: `DecodingError` for anything else.
    func integer(_ key: Key) throws -> Int? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decode(ClerkInteger.self, forKey: key).value
    }

    /// A JSON number, or a string holding one, as an exact `Decimal`; nil for anything else.
    func decimal(_ key: Key) -> Decimal? {
        if let number = try? decode(Decimal.self, forKey: key) { return number }
        guard let text = try? decode(String.self, forKey: key), let first = text.utf8.first,
            first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
        else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }
}

/// An id or count Clerk sends as a JSON integer or as a string holding one (surrounding spaces allowed).
struct ClerkInteger: Decodable, Sendable {
    /// The integer.
    var value: Int

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            value = number
        } else if let text = try? container.decode(String.self),
            let number = Int(text.trimmingCharacters(in: .whitespaces))
        {
            value = number
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an integer")
        }
    }
}
