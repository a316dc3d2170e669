import Foundation

/// Writes `ClerkValue`s as canonical JSON bytes: keys sorted by UTF-8 bytes, no white space, decimals in plain
/// notation without trailing zeros, strings escaped per RFC 8259 with non-ASCII kept as UTF-8.
enum CanonicalJSON {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends the object `{key: value, …}` with its keys in canonical order.
    static func appendObject(_ attributes: [String: ClerkValue], to output: inout [UInt8]) {
        // Attribute names are normalised to ASCII, where String order is UTF-8 byte order; the byte-wise
        // comparison is kept only for the rare non-ASCII key (from a document read back from Clerk).
        let keys = attributes.keys.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
            ? attributes.keys.sorted()
            : attributes.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        output.append(0x7B)
        var first = true
        for key in keys {
            if !first {
                output.append(0x2C)
            }
            first = false
            appendString(key, to: &output)
            output.append(0x3A)
            appendValue(attributes[key]!, to: &output)
        }
        output.append(0x7D)
    }

    /// Appends one value.
    static func appendValue(_ value: ClerkValue, to output: inout [UInt8]) {
        switch value {
        case .string(let text):
            appendString(text, to: &output)
        case .int(let number):
            appendInt(number, to: &output)
        case .number(let number):
            appendDecimal(number, to: &output)
        case .bool(let flag):
            output.append(contentsOf: flag ? trueBytes : falseBytes)
        case .list(let items):
            output.append(0x5B)
            var first = true
            for item in items {
                if !first {
                    output.append(0x2C)
                }
                first = false
                appendValue(item, to: &output)
            }
            output.append(0x5D)
        }
    }

    private static let trueBytes: [UInt8] = Array("true".utf8)
    private static let falseBytes: [UInt8] = Array("false".utf8)

    /// Appends a string literal, escaping `"`, `\` and control characters.
    static func appendString(_ text: String, to output: inout [UInt8]) {
        output.append(0x22)
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else {
                    continue
                }
                if runStart < index {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                }
                runStart = index + 1
                appendEscape(byte, to: &output)
            }
            if runStart < bytes.count {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
            }
        }
        output.append(0x22)
    }

    private static func appendEscape(_ byte: UInt8, to output: inout [UInt8]) {
        output.append(0x5C)
        switch byte {
        case 0x22, 0x5C:
            output.append(byte)
        case 0x0A:
            output.append(0x6E)
        case 0x0D:
            output.append(0x72)
        case 0x09:
            output.append(0x74)
        case 0x08:
            output.append(0x62)
        case 0x0C:
            output.append(0x66)
        default:
            output.append(contentsOf: [0x75, 0x30, 0x30])
            output.append(hexDigits[Int(byte >> 4)])
            output.append(hexDigits[Int(byte & 0x0F)])
        }
    }

    /// Appends an integer in decimal.
    static func appendInt(_ number: Int, to output: inout [UInt8]) {
        if number == 0 {
            output.append(0x30)
            return
        }
        var magnitude = number.magnitude
        var digits: [UInt8] = []
        digits.reserveCapacity(20)
        while magnitude > 0 {
            digits.append(0x30 + UInt8(magnitude % 10))
            magnitude /= 10
        }
        if number < 0 {
            output.append(0x2D)
        }
        output.append(contentsOf: digits.reversed())
    }

    /// Appends a decimal in plain notation (no exponent), without trailing fractional zeros.
    static func appendDecimal(_ number: Decimal, to output: inout [UInt8]) {
        guard number.isFinite else {
            output.append(0x30)
            return
        }
        if number.isZero {
            output.append(0x30)
            return
        }
        var text = Array(number.description.utf8)
        if text.contains(0x2E) {
            while text.last == 0x30 {
                text.removeLast()
            }
            if text.last == 0x2E {
                text.removeLast()
            }
        }
        output.append(contentsOf: text)
    }
}
