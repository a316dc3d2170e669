import Foundation

/// HTML → plain text of mapping.md §6.
public enum PlainText {
    /// Converts HTML to plain text: every tag (a `<` followed by a letter, `/`, `!` or `?`, up to the next `>`;
    /// comments `<!-- … -->` whole) is replaced by one space — a bare `<` stays text — then HTML entities are
    /// decoded, then every run of Unicode white space (no-break space included) collapses to one space, and the
    /// result is trimmed.
    ///
    /// `<p>Soft&nbsp;cotton</p><p>Blue</p>` → `Soft cotton Blue`. A tag or comment that is never closed
    /// runs to the end of the input.
    public static func fromHTML(_ html: String) -> String {
        if html.isEmpty {
            return ""
        }
        let input = Array(html.utf8)
        let withoutTags = stripTags(input)
        let decoded = decodeEntities(withoutTags)
        return collapseWhitespace(decoded)
    }

    private static func isTagStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2F || byte == 0x21 || byte == 0x3F
    }

    private static func stripTags(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        let count = input.count
        var index = 0
        while index < count {
            let byte = input[index]
            guard byte == 0x3C, index + 1 < count, isTagStart(input[index + 1]) else {
                output.append(byte)
                index += 1
                continue
            }
            output.append(0x20)
            if index + 3 < count, input[index + 1] == 0x21, input[index + 2] == 0x2D, input[index + 3] == 0x2D {
                index = endOfComment(input, from: index + 4)
            } else {
                var cursor = index + 1
                while cursor < count, input[cursor] != 0x3E {
                    cursor += 1
                }
                index = cursor + 1
            }
        }
        return output
    }

    private static func endOfComment(_ input: [UInt8], from start: Int) -> Int {
        var cursor = start
        while cursor + 2 < input.count {
            if input[cursor] == 0x2D, input[cursor + 1] == 0x2D, input[cursor + 2] == 0x3E {
                return cursor + 3
            }
            cursor += 1
        }
        return input.count
    }

    private static func decodeEntities(_ input: [UInt8]) -> [UInt8] {
        guard input.contains(0x26) else {
            return input
        }
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        let count = input.count
        var index = 0
        while index < count {
            let byte = input[index]
            if byte == 0x26, let (scalar, length) = entity(in: input, at: index) {
                appendUTF8(scalar, to: &output)
                index += length
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }

    /// Parses the entity starting at `start` (an `&`), returning its scalar and its length including `&` and `;`.
    private static func entity(in input: [UInt8], at start: Int) -> (Unicode.Scalar, Int)? {
        let count = input.count
        var cursor = start + 1
        guard cursor < count else {
            return nil
        }
        if input[cursor] == 0x23 {
            cursor += 1
            var radix: UInt32 = 10
            if cursor < count, input[cursor] == 0x78 || input[cursor] == 0x58 {
                radix = 16
                cursor += 1
            }
            let digitsStart = cursor
            var value: UInt32 = 0
            while cursor < count, let digit = digitValue(input[cursor], radix: radix) {
                value = value > 0x10FFFF ? value : value * radix + digit
                cursor += 1
            }
            guard cursor > digitsStart, cursor < count, input[cursor] == 0x3B else {
                return nil
            }
            let scalar = (value == 0 ? nil : Unicode.Scalar(value)) ?? "\u{FFFD}"
            return (scalar, cursor + 1 - start)
        }
        let nameStart = cursor
        while cursor < count, cursor - nameStart <= HTMLEntities.longestName, isAlphanumeric(input[cursor]) {
            cursor += 1
        }
        guard cursor > nameStart, cursor < count, input[cursor] == 0x3B else {
            return nil
        }
        let name = String(decoding: input[nameStart..<cursor], as: UTF8.self)
        guard let value = HTMLEntities.table[name], let scalar = Unicode.Scalar(value) else {
            return nil
        }
        return (scalar, cursor + 1 - start)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func digitValue(_ byte: UInt8, radix: UInt32) -> UInt32? {
        switch byte {
        case 0x30...0x39:
            return UInt32(byte - 0x30)
        case 0x41...0x46 where radix == 16:
            return UInt32(byte - 0x41 + 10)
        case 0x61...0x66 where radix == 16:
            return UInt32(byte - 0x61 + 10)
        default:
            return nil
        }
    }

    private static func appendUTF8(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        for unit in scalar.utf8 {
            output.append(unit)
        }
    }

    private static func collapseWhitespace(_ input: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var pendingSpace = false
        let count = input.count
        var index = 0
        while index < count {
            let length = whitespaceLength(input, at: index)
            if length > 0 {
                pendingSpace = true
                index += length
                continue
            }
            if pendingSpace && !output.isEmpty {
                output.append(0x20)
            }
            pendingSpace = false
            output.append(input[index])
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The UTF-8 length of the Unicode `White_Space` character at `index`, or 0 when there is none:
    /// U+0009–U+000D, U+0020, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
    @inline(__always)
    private static func whitespaceLength(_ input: [UInt8], at index: Int) -> Int {
        let byte = input[index]
        if byte < 0x80 {
            return byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) ? 1 : 0
        }
        let remaining = input.count - index
        switch byte {
        case 0xC2 where remaining >= 2:
            let next = input[index + 1]
            return next == 0x85 || next == 0xA0 ? 2 : 0
        case 0xE1 where remaining >= 3:
            return input[index + 1] == 0x9A && input[index + 2] == 0x80 ? 3 : 0
        case 0xE2 where remaining >= 3:
            let second = input[index + 1]
            let third = input[index + 2]
            if second == 0x80 {
                return (third >= 0x80 && third <= 0x8A) || third == 0xA8 || third == 0xA9 || third == 0xAF ? 3 : 0
            }
            return second == 0x81 && third == 0x9F ? 3 : 0
        case 0xE3 where remaining >= 3:
            return input[index + 1] == 0x80 && input[index + 2] == 0x80 ? 3 : 0
        default:
            return 0
        }
    }
}
