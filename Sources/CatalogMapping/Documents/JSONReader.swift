import Foundation

/// A small strict JSON reader (RFC 8259) for documents returned by Clerk.
struct JSONReader {
    /// A parsed JSON value.
    indirect enum Node {
        case null
        case bool(Bool)
        case int(Int)
        case number(Decimal)
        case string(String)
        case array([Node])
        case object([(String, Node)])
    }

    private let bytes: [UInt8]
    private var index = 0

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Parses one JSON value that must span the whole input (surrounding white space allowed).
    static func parse(_ bytes: [UInt8]) throws(ClerkDocumentError) -> Node {
        var reader = JSONReader(bytes: bytes)
        reader.skipWhitespace()
        let node = try reader.readValue(depth: 0)
        reader.skipWhitespace()
        guard reader.index == bytes.count else {
            throw reader.failure("unexpected data after the value")
        }
        return node
    }

    private func failure(_ reason: String) -> ClerkDocumentError {
        .malformedJSON(offset: index, reason: reason)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D:
                index += 1
            default:
                return
            }
        }
    }

    private mutating func readValue(depth: Int) throws(ClerkDocumentError) -> Node {
        guard depth < 512 else {
            throw failure("nesting too deep")
        }
        guard index < bytes.count else {
            throw failure("unexpected end of input")
        }
        switch bytes[index] {
        case 0x7B:
            return try readObject(depth: depth)
        case 0x5B:
            return try readArray(depth: depth)
        case 0x22:
            return .string(try readString())
        case 0x74:
            try expectLiteral("true")
            return .bool(true)
        case 0x66:
            try expectLiteral("false")
            return .bool(false)
        case 0x6E:
            try expectLiteral("null")
            return .null
        case 0x2D, 0x30...0x39:
            return try readNumber()
        default:
            throw failure("unexpected character")
        }
    }

    private mutating func expectLiteral(_ literal: String) throws(ClerkDocumentError) {
        let expected = Array(literal.utf8)
        let count = expected.count
        guard index + count <= bytes.count else {
            throw failure("unexpected end of input")
        }
        guard bytes[index..<(index + count)].elementsEqual(expected) else {
            throw failure("invalid literal")
        }
        index += count
    }

    private mutating func readObject(depth: Int) throws(ClerkDocumentError) -> Node {
        index += 1
        var members: [(String, Node)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == 0x7D {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == 0x22 else {
                throw failure("expected a member name")
            }
            let key = try readString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == 0x3A else {
                throw failure("expected ':'")
            }
            index += 1
            skipWhitespace()
            members.append((key, try readValue(depth: depth + 1)))
            skipWhitespace()
            guard index < bytes.count else {
                throw failure("unexpected end of input")
            }
            if bytes[index] == 0x2C {
                index += 1
            } else if bytes[index] == 0x7D {
                index += 1
                return .object(members)
            } else {
                throw failure("expected ',' or '}'")
            }
        }
    }

    private mutating func readArray(depth: Int) throws(ClerkDocumentError) -> Node {
        index += 1
        var items: [Node] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == 0x5D {
            index += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try readValue(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else {
                throw failure("unexpected end of input")
            }
            if bytes[index] == 0x2C {
                index += 1
            } else if bytes[index] == 0x5D {
                index += 1
                return .array(items)
            } else {
                throw failure("expected ',' or ']'")
            }
        }
    }

    private mutating func readString() throws(ClerkDocumentError) -> String {
        index += 1
        var output: [UInt8] = []
        while true {
            guard index < bytes.count else {
                throw failure("unterminated string")
            }
            let byte = bytes[index]
            switch byte {
            case 0x22:
                index += 1
                return String(decoding: output, as: UTF8.self)
            case 0x5C:
                index += 1
                try readEscape(into: &output)
            case 0x00..<0x20:
                throw failure("control character in string")
            default:
                output.append(byte)
                index += 1
            }
        }
    }

    private mutating func readEscape(into output: inout [UInt8]) throws(ClerkDocumentError) {
        guard index < bytes.count else {
            throw failure("unterminated escape")
        }
        let byte = bytes[index]
        index += 1
        switch byte {
        case 0x22, 0x5C, 0x2F:
            output.append(byte)
        case 0x62:
            output.append(0x08)
        case 0x66:
            output.append(0x0C)
        case 0x6E:
            output.append(0x0A)
        case 0x72:
            output.append(0x0D)
        case 0x74:
            output.append(0x09)
        case 0x75:
            var value = try readHex4()
            if (0xD800..<0xDC00).contains(value), index + 1 < bytes.count, bytes[index] == 0x5C, bytes[index + 1] == 0x75 {
                let saved = index
                index += 2
                let low = try readHex4()
                if (0xDC00..<0xE000).contains(low) {
                    value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    index = saved
                }
            }
            let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            output.append(contentsOf: scalar.utf8)
        default:
            throw failure("invalid escape")
        }
    }

    private mutating func readHex4() throws(ClerkDocumentError) -> UInt32 {
        guard index + 4 <= bytes.count else {
            throw failure("truncated \\u escape")
        }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 0x30...0x39:
                digit = UInt32(byte - 0x30)
            case 0x41...0x46:
                digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66:
                digit = UInt32(byte - 0x61 + 10)
            default:
                throw failure("invalid \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private mutating func readNumber() throws(ClerkDocumentError) -> Node {
        let start = index
        if bytes[index] == 0x2D {
            index += 1
        }
        guard index < bytes.count, isDigit(bytes[index]) else {
            throw failure("invalid number")
        }
        if bytes[index] == 0x30 {
            index += 1
        } else {
            skipDigits()
        }
        var isInteger = true
        if index < bytes.count, bytes[index] == 0x2E {
            isInteger = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw failure("invalid fraction")
            }
            skipDigits()
        }
        if index < bytes.count, bytes[index] == 0x65 || bytes[index] == 0x45 {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D {
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw failure("invalid exponent")
            }
            skipDigits()
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger, let value = Int(text) {
            return .int(value)
        }
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw failure("number out of range")
        }
        return .number(value)
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39
    }

    private mutating func skipDigits() {
        while index < bytes.count, isDigit(bytes[index]) {
            index += 1
        }
    }
}
