import Foundation

/// An integer that BigCommerce sends either as a JSON number or as a string of digits
/// (`"id": 112` or `"id": "112"`, `"store_id": "1000123"`).
public struct LenientInt: Decodable, Sendable, Hashable {
    /// The decoded integer.
    public var value: Int

    /// Wraps an already known integer.
    public init(_ value: Int) {
        self.value = value
    }

    /// Decodes a JSON number (integral, also when written as `12.0`) or a string holding one.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let int = try? container.decode(Int.self) {
            value = int
            return
        }
        if let string = try? container.decode(String.self) {
            let trimmed = string.trimmingCharacters(in: .whitespaces)
            guard let int = Int(trimmed) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "expected an integer id, found the string \"\(string)\"")
            }
            value = int
            return
        }
        if let decimal = try? container.decode(Decimal.self), let int = Self.exactInt(decimal) {
            value = int
            return
        }
        throw DecodingError.typeMismatch(
            Int.self,
            DecodingError.Context(
                codingPath: decoder.codingPath, debugDescription: "expected an integer or a string of digits"))
    }

    private static func exactInt(_ decimal: Decimal) -> Int? {
        var value = decimal
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 0, .plain)
        guard rounded == decimal else { return nil }
        return Int(NSDecimalNumber(decimal: rounded).int64Value)
    }
}
