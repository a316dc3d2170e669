/// The one byte-level JSON reader. It parses a whole text into a ``JSONValue`` (``value(maxDepth:)``), or finds
/// where the members and elements of an object or array start and end without decoding them, so each record of
/// a page can be decoded — and, when broken, kept byte for byte — on its own.
///
/// Slicing checks structure (brackets, strings, commas, colons) but not the literals and numbers inside a value,
/// so one record's bad token stays that record's problem; parsing is strict RFC 8259. `JSONDecoder` can do
/// neither: it cannot say where a value's bytes are, which a malformed product's dead letter keeps.
public struct JSONScanner: Sendable {
    /// The UTF-8 text.
    public let bytes: [UInt8]

    /// A scanner over `bytes`.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The range of the single top-level value (surrounding white space excluded).
    public func topLevelValue() throws(JSONSyntaxError) -> Range<Int> {
        let start = skipWhitespace(from: 0)
        let end = try valueEnd(from: start)
        let rest = skipWhitespace(from: end)
        guard rest == bytes.count else { throw JSONSyntaxError(offset: rest, reason: "unexpected data after the value") }
        return start..<end
    }

    /// The members of the object starting at `range.lowerBound`: each name (escapes decoded) and its value's range.
    public func members(ofObject range: Range<Int>) throws(JSONSyntaxError) -> [(key: String, value: Range<Int>)] {
        guard range.lowerBound < bytes.count, bytes[range.lowerBound] == UInt8(ascii: "{") else {
            throw JSONSyntaxError(offset: range.lowerBound, reason: "expected an object")
        }
        var result: [(key: String, value: Range<Int>)] = []
        var index = skipWhitespace(from: range.lowerBound + 1)
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { return result }
        while true {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw JSONSyntaxError(offset: index, reason: "expected a member name")
            }
            let keyEnd = try stringEnd(from: index)
            var parser = JSONParser(bytes: bytes, position: index, maxDepth: 0)
            let key = try parser.parseString()
            index = skipWhitespace(from: keyEnd)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw JSONSyntaxError(offset: index, reason: "expected ':'")
            }
            let valueStart = skipWhitespace(from: index + 1)
            let valueEnd = try valueEnd(from: valueStart)
            result.append((key: key, value: valueStart..<valueEnd))
            guard let following = try next(after: valueEnd, closing: UInt8(ascii: "}")) else { return result }
            index = following
        }
    }

    /// The ranges of the elements of the array starting at `range.lowerBound`.
    public func elements(ofArray range: Range<Int>) throws(JSONSyntaxError) -> [Range<Int>] {
        guard range.lowerBound < bytes.count, bytes[range.lowerBound] == UInt8(ascii: "[") else {
            throw JSONSyntaxError(offset: range.lowerBound, reason: "expected an array")
        }
        var result: [Range<Int>] = []
        var index = skipWhitespace(from: range.lowerBound + 1)
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { return result }
        while true {
            let end = try valueEnd(from: index)
            result.append(index..<end)
            guard let following = try next(after: end, closing: UInt8(ascii: "]")) else { return result }
            index = following
        }
    }

    /// The start of the next member or element after a value ending at `end`; nil at the `closing` bracket.
    private func next(after end: Int, closing: UInt8) throws(JSONSyntaxError) -> Int? {
        let index = skipWhitespace(from: end)
        guard index < bytes.count else { throw JSONSyntaxError(offset: index, reason: "unexpected end of input") }
        if bytes[index] == closing { return nil }
        guard bytes[index] == UInt8(ascii: ",") else {
            throw JSONSyntaxError(offset: index, reason: "expected ',' or '\(Character(Unicode.Scalar(closing)))'")
        }
        return skipWhitespace(from: index + 1)
    }

    /// The index just past the value starting at `start`.
    func valueEnd(from start: Int) throws(JSONSyntaxError) -> Int {
        guard start < bytes.count else { throw JSONSyntaxError(offset: start, reason: "expected a value") }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return try stringEnd(from: start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            return try containerEnd(from: start)
        default:
            var index = start
            while index < bytes.count, !Self.endsToken(bytes[index]) { index += 1 }
            guard index > start else { throw JSONSyntaxError(offset: start, reason: "expected a value") }
            return index
        }
    }

    /// The index just past the object or array starting at `start`, counting brackets outside strings.
    private func containerEnd(from start: Int) throws(JSONSyntaxError) -> Int {
        var depth = 0
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index = try stringEnd(from: index)
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
        throw JSONSyntaxError(offset: start, reason: "unterminated \(bytes[start] == UInt8(ascii: "{") ? "object" : "array")")
    }

    /// The index just past the string whose opening quote is at `start`.
    private func stringEnd(from start: Int) throws(JSONSyntaxError) -> Int {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        throw JSONSyntaxError(offset: start, reason: "unterminated string")
    }

    private func skipWhitespace(from start: Int) -> Int {
        var index = start
        while index < bytes.count, JSONParser.isWhitespace(bytes[index]) { index += 1 }
        return index
    }

    private static func endsToken(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") || JSONParser.isWhitespace(byte)
    }
}
