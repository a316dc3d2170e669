import Foundation

/// A minimal structural JSON scanner over raw bytes: it finds where values start and end without building
/// objects, so documents can be sliced out of a response exactly as Clerk sent them.
///
/// It checks structure (brackets, strings, commas, colons) and the shape of literals, which is enough to reject
/// non-JSON bodies such as HTML error pages; it does not validate numbers digit by digit.
struct JSONScanner {
    /// Why the bytes are not the JSON the scanner expected.
    struct Failure: Error, Sendable, CustomStringConvertible {
        var offset: Int
        var reason: String
        var description: String { "invalid JSON at byte \(offset): \(reason)" }
    }

    let bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The range of the single top-level value (surrounding whitespace excluded).
    func topLevelValue() throws(Failure) -> Range<Int> {
        let start = skipWhitespace(from: 0)
        let end = try valueEnd(from: start)
        let rest = skipWhitespace(from: end)
        guard rest == bytes.count else { throw Failure(offset: rest, reason: "trailing characters") }
        return start..<end
    }

    /// The members of the object occupying `range`: each key's decoded text and the range of its value.
    func members(ofObject range: Range<Int>) throws(Failure) -> [(key: String, value: Range<Int>)] {
        guard range.lowerBound < bytes.count, bytes[range.lowerBound] == UInt8(ascii: "{") else {
            throw Failure(offset: range.lowerBound, reason: "expected an object")
        }
        var result: [(key: String, value: Range<Int>)] = []
        var index = skipWhitespace(from: range.lowerBound + 1)
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { return result }
        while true {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw Failure(offset: index, reason: "expected a member name")
            }
            let keyEnd = try stringEnd(from: index)
            guard let key = string(in: index..<keyEnd) else { throw Failure(offset: index, reason: "bad member name") }
            index = skipWhitespace(from: keyEnd)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw Failure(offset: index, reason: "expected ':'")
            }
            let valueStart = skipWhitespace(from: index + 1)
            let valueEnd = try valueEnd(from: valueStart)
            result.append((key: key, value: valueStart..<valueEnd))
            index = skipWhitespace(from: valueEnd)
            guard index < bytes.count else { throw Failure(offset: index, reason: "unterminated object") }
            if bytes[index] == UInt8(ascii: "}") { return result }
            guard bytes[index] == UInt8(ascii: ",") else { throw Failure(offset: index, reason: "expected ',' or '}'") }
            index = skipWhitespace(from: index + 1)
        }
    }

    /// The ranges of the elements of the array occupying `range`.
    func elements(ofArray range: Range<Int>) throws(Failure) -> [Range<Int>] {
        guard range.lowerBound < bytes.count, bytes[range.lowerBound] == UInt8(ascii: "[") else {
            throw Failure(offset: range.lowerBound, reason: "expected an array")
        }
        var result: [Range<Int>] = []
        var index = skipWhitespace(from: range.lowerBound + 1)
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { return result }
        while true {
            let end = try valueEnd(from: index)
            result.append(index..<end)
            index = skipWhitespace(from: end)
            guard index < bytes.count else { throw Failure(offset: index, reason: "unterminated array") }
            if bytes[index] == UInt8(ascii: "]") { return result }
            guard bytes[index] == UInt8(ascii: ",") else { throw Failure(offset: index, reason: "expected ',' or ']'") }
            index = skipWhitespace(from: index + 1)
        }
    }

    /// The text of the JSON string occupying `range` (quotes included in the range), escapes decoded.
    func string(in range: Range<Int>) -> String? {
        guard range.count >= 2, bytes[range.lowerBound] == UInt8(ascii: "\""),
            bytes[range.upperBound - 1] == UInt8(ascii: "\"")
        else { return nil }
        let inner = bytes[(range.lowerBound + 1)..<(range.upperBound - 1)]
        if !inner.contains(UInt8(ascii: "\\")) { return String(decoding: inner, as: UTF8.self) }
        let object = try? JSONSerialization.jsonObject(with: Data(bytes[range]), options: [.fragmentsAllowed])
        return object as? String
    }

    /// An integer id from the value at `range`: a JSON integer, or a string holding one.
    func integer(in range: Range<Int>) -> Int? {
        guard !range.isEmpty else { return nil }
        if bytes[range.lowerBound] == UInt8(ascii: "\"") {
            return string(in: range).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        }
        return Int(String(decoding: bytes[range], as: UTF8.self))
    }

    /// The bytes of `range`, copied.
    func slice(_ range: Range<Int>) -> [UInt8] {
        Array(bytes[range])
    }

    /// The index just past the value starting at `start`.
    func valueEnd(from start: Int) throws(Failure) -> Int {
        guard start < bytes.count else { throw Failure(offset: start, reason: "expected a value") }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return try stringEnd(from: start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            return try containerEnd(from: start)
        default:
            return try literalEnd(from: start)
        }
    }

    private func skipWhitespace(from start: Int) -> Int {
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return index
            }
        }
        return index
    }

    private func stringEnd(from start: Int) throws(Failure) -> Int {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            case 0x00..<0x20: throw Failure(offset: index, reason: "control character in string")
            default: index += 1
            }
        }
        throw Failure(offset: start, reason: "unterminated string")
    }

    private func containerEnd(from start: Int) throws(Failure) -> Int {
        if bytes[start] == UInt8(ascii: "{") {
            let members = try members(ofObject: start..<bytes.count)
            let last = members.last?.value.upperBound ?? start + 1
            return try closing(UInt8(ascii: "}"), after: last)
        }
        let elements = try elements(ofArray: start..<bytes.count)
        let last = elements.last?.upperBound ?? start + 1
        return try closing(UInt8(ascii: "]"), after: last)
    }

    private func closing(_ bracket: UInt8, after index: Int) throws(Failure) -> Int {
        let position = skipWhitespace(from: index)
        guard position < bytes.count, bytes[position] == bracket else {
            throw Failure(offset: position, reason: "expected '\(Character(UnicodeScalar(bracket)))'")
        }
        return position + 1
    }

    private func literalEnd(from start: Int) throws(Failure) -> Int {
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"),
                UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "E"):
                index += 1
            default:
                return try checkLiteral(start..<index)
            }
        }
        return try checkLiteral(start..<index)
    }

    private func checkLiteral(_ range: Range<Int>) throws(Failure) -> Int {
        guard !range.isEmpty else { throw Failure(offset: range.lowerBound, reason: "expected a value") }
        let first = bytes[range.lowerBound]
        if first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) {
            return range.upperBound
        }
        let word = bytes[range]
        guard word.elementsEqual("true".utf8) || word.elementsEqual("false".utf8) || word.elementsEqual("null".utf8)
        else { throw Failure(offset: range.lowerBound, reason: "unexpected literal") }
        return range.upperBound
    }
}
