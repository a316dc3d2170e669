/// Finds the byte ranges of members and array elements in raw JSON without decoding them, so each
/// product of a page can be decoded (and, when broken, kept) on its own.
enum JSONSlicer {
    /// A structural problem in the JSON text.
    struct Malformed: Error, CustomStringConvertible {
        var offset: Int
        var description: String { "malformed JSON near byte \(offset)" }
    }

    /// The value ranges of the top-level object's members, by key (keys compared without unescaping).
    static func members(of bytes: [UInt8]) throws -> [String: Range<Int>] {
        var index = skipWhitespace(bytes, 0)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw Malformed(offset: index) }
        index += 1
        var result: [String: Range<Int>] = [:]
        while true {
            index = skipWhitespace(bytes, index)
            guard index < bytes.count else { throw Malformed(offset: index) }
            if bytes[index] == UInt8(ascii: "}") { return result }
            guard bytes[index] == UInt8(ascii: "\"") else { throw Malformed(offset: index) }
            let keyEnd = try skipString(bytes, index)
            let key = String(decoding: bytes[(index + 1)..<(keyEnd - 1)], as: UTF8.self)
            index = skipWhitespace(bytes, keyEnd)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw Malformed(offset: index) }
            let valueStart = skipWhitespace(bytes, index + 1)
            let valueEnd = try skipValue(bytes, valueStart)
            result[key] = valueStart..<valueEnd
            index = skipWhitespace(bytes, valueEnd)
            guard index < bytes.count else { throw Malformed(offset: index) }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] != UInt8(ascii: "}") {
                throw Malformed(offset: index)
            }
        }
    }

    /// The ranges of the elements of the array that occupies `range`.
    static func elements(of bytes: [UInt8], in range: Range<Int>) throws -> [Range<Int>] {
        var index = skipWhitespace(bytes, range.lowerBound)
        guard index < range.upperBound, bytes[index] == UInt8(ascii: "[") else { throw Malformed(offset: index) }
        index = skipWhitespace(bytes, index + 1)
        var result: [Range<Int>] = []
        if index < range.upperBound, bytes[index] == UInt8(ascii: "]") { return result }
        while true {
            let end = try skipValue(bytes, index)
            result.append(index..<end)
            index = skipWhitespace(bytes, end)
            guard index < range.upperBound else { throw Malformed(offset: index) }
            if bytes[index] == UInt8(ascii: "]") { return result }
            guard bytes[index] == UInt8(ascii: ",") else { throw Malformed(offset: index) }
            index = skipWhitespace(bytes, index + 1)
        }
    }

    private static func skipWhitespace(_ bytes: [UInt8], _ start: Int) -> Int {
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): index += 1
            default: return index
            }
        }
        return index
    }

    /// Returns the index just past the string that starts at `start` (which holds the opening quote).
    private static func skipString(_ bytes: [UInt8], _ start: Int) throws -> Int {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        throw Malformed(offset: start)
    }

    /// Returns the index just past the value that starts at `start`.
    private static func skipValue(_ bytes: [UInt8], _ start: Int) throws -> Int {
        guard start < bytes.count else { throw Malformed(offset: start) }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return try skipString(bytes, start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var index = start
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    index = try skipString(bytes, index)
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default:
                    break
                }
                index += 1
            }
            throw Malformed(offset: start)
        default:
            var index = start
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: " "), UInt8(ascii: "\n"),
                    UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                    return index
                default:
                    index += 1
                }
            }
            return index
        }
    }
}
