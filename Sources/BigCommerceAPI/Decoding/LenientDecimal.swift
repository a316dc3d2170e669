import Foundation

/// A money amount or rate that BigCommerce sends either as a JSON number (V3: `109.0`) or as a string
/// (V2: `"225.0000"`, exchange rates). Decoded straight into `Decimal`, never through `Double`.
public struct LenientDecimal: Decodable, Sendable, Hashable {
    /// The decoded amount.
    public var value: Decimal

    /// Wraps an already known amount.
    public init(_ value: Decimal) {
        self.value = value
    }

    /// Decodes a JSON number token exactly, or a string holding a plain decimal number.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // A number first: V3 amounts are numbers, and a failed attempt throws (costly on the hot path).
        if let number = try? container.decode(Decimal.self) {
            value = number
            return
        }
        guard let string = try? container.decode(String.self) else {
            throw DecodingError.typeMismatch(
                Decimal.self,
                DecodingError.Context(
                    codingPath: decoder.codingPath, debugDescription: "expected a number or a numeric string"))
        }
        guard let decimal = Self.parse(string) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a decimal amount, found the string \"\(string)\"")
        }
        value = decimal
    }

    public static func parse(_ string: String) -> Decimal? {
        let text = string.trimmingCharacters(in: .whitespaces)
        guard isPlainNumber(text) else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    private static func isPlainNumber(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let isDigit: (UInt8) -> Bool = { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        let integer = bytes.prefix(while: isDigit)
        bytes = bytes.dropFirst(integer.count)
        var fraction = 0
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            fraction = bytes.prefix(while: isDigit).count
            bytes = bytes.dropFirst(fraction)
        }
        guard integer.count + fraction > 0 else { return false }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            let exponent = bytes.prefix(while: isDigit).count
            guard exponent > 0 else { return false }
            bytes = bytes.dropFirst(exponent)
        }
        return bytes.isEmpty
    }
}
