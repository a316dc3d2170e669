import Foundation

/// A forward-only pull reader over JSON bytes, for the one hot path where a decoder written by hand pays for itself:
/// BigCommerce's product pages, which `JSONDecoder` spent about 40 % of a reindex's CPU on (BENCHMARKS.md, "CPU per
/// product"). It reads names and values in place, without building a tree or a `Decoder` container per record.
///
/// It is strict on purpose: anything but plain JSON of the expected kind (an escaped member name, an integer written
/// with a fraction, a repeated name, invalid UTF-8) throws, so a caller can fall back to a lenient `Decodable` path
/// that says precisely what was wrong. Numbers follow RFC 8259's grammar; strings are valid UTF-8.
public struct JSONReader {
    /// The kind of the next value.
    public enum Kind: Sendable, Equatable {
        case object, array, string, number, bool, null
    }

    /// A member name as read: where its bytes are, and their hash for ``JSONNameTable`` look-ups.
    public struct Name {
        /// The name's bytes (between the quotes).
        public var range: Range<Int>
        /// FNV-1a hash of the bytes.
        public var hash: UInt64
    }

    /// The UTF-8 text.
    public let bytes: [UInt8]
    /// The next byte to read.
    public private(set) var position: Int
    /// Set between an opening bracket and the first member or element read.
    private var atFirst = false

    /// A reader at the start of `bytes`.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        position = 0
    }

    // MARK: Structure

    /// The kind of the next value (after white space), without reading it.
    public mutating func kind() throws(JSONSyntaxError) -> Kind {
        skipWhitespace()
        guard position < bytes.count else { throw failure("unexpected end of input") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: throw failure("unexpected character")
        }
    }

    /// Reads a `null` if one is next; false (reading nothing) otherwise.
    public mutating func readNull() throws(JSONSyntaxError) -> Bool {
        guard try kind() == .null else { return false }
        try literal("null")
        return true
    }

    /// Reads the `{` of an object.
    public mutating func beginObject() throws(JSONSyntaxError) {
        try open(UInt8(ascii: "{"), "an object")
    }

    /// Reads the next member's name and its `:`; nil (after reading the `}`) when the object ends.
    public mutating func nextMember() throws(JSONSyntaxError) -> Name? {
        guard try advance(closing: UInt8(ascii: "}")) else { return nil }
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw failure("expected a member name") }
        position += 1
        let start = position
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { throw failure("escaped or control character in a member name") }
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            position += 1
        }
        guard position < bytes.count else { throw failure("unterminated member name") }
        let name = Name(range: start..<position, hash: hash)
        position += 1
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw failure("expected ':'") }
        position += 1
        return name
    }

    /// Reads the `[` of an array.
    public mutating func beginArray() throws(JSONSyntaxError) {
        try open(UInt8(ascii: "["), "an array")
    }

    /// Moves to the next element; false (after reading the `]`) when the array ends.
    public mutating func nextElement() throws(JSONSyntaxError) -> Bool {
        try advance(closing: UInt8(ascii: "]"))
    }

    /// Checks that only white space is left.
    public mutating func end() throws(JSONSyntaxError) {
        skipWhitespace()
        guard position == bytes.count else { throw failure("unexpected data after the value") }
    }

    // MARK: Values

    /// A string value (escapes decoded).
    public mutating func string() throws(JSONSyntaxError) -> String {
        guard try kind() == .string else { throw failure("expected a string") }
        position += 1
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                guard let text = String(validating: bytes[start..<position], as: UTF8.self) else {
                    throw failure("invalid UTF-8 in string")
                }
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") {
                var parser = JSONParser(bytes: bytes, position: start - 1, maxDepth: 0)
                let text = try parser.parseString()
                position = parser.position
                return text
            }
            if byte < 0x20 { throw failure("control character in string") }
            position += 1
        }
        throw failure("unterminated string")
    }

    /// `true` or `false`.
    public mutating func bool() throws(JSONSyntaxError) -> Bool {
        guard try kind() == .bool else { throw failure("expected true or false") }
        if bytes[position] == UInt8(ascii: "t") {
            try literal("true")
            return true
        }
        try literal("false")
        return false
    }

    /// An integer written without fraction or exponent, of at most 18 digits.
    public mutating func int() throws(JSONSyntaxError) -> Int {
        let number = try numberParts()
        guard number.fractionDigits == 0, !number.hasExponent, number.digits <= 18 else {
            throw JSONSyntaxError(offset: number.range.lowerBound, reason: "expected an integer")
        }
        return number.negative ? -Int(number.significand) : Int(number.significand)
    }

    /// A number as an exact `Decimal` (never through `Double`).
    public mutating func decimal() throws(JSONSyntaxError) -> Decimal {
        let number = try numberParts()
        if number.digits <= 18, !number.hasExponent {
            return Decimal(
                sign: number.negative ? .minus : .plus, exponent: -number.fractionDigits,
                significand: Decimal(number.significand))
        }
        let text = String(decoding: bytes[number.range], as: UTF8.self)
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw JSONSyntaxError(offset: number.range.lowerBound, reason: "number out of range")
        }
        return value
    }

    /// Reads past the next value, whatever it is, checking its structure.
    public mutating func skipValue() throws(JSONSyntaxError) {
        switch try kind() {
        case .object:
            try beginObject()
            while try nextMember() != nil { try skipValue() }
        case .array:
            try beginArray()
            while try nextElement() { try skipValue() }
        case .string: _ = try skipString()
        case .number: _ = try numberParts()
        case .bool: _ = try bool()
        case .null: try literal("null")
        }
    }

    // MARK: Plumbing

    private struct NumberParts {
        var range: Range<Int>
        var negative: Bool
        var significand: UInt64
        /// Digits before and after the point (leading zeros included).
        var digits: Int
        var fractionDigits: Int
        var hasExponent: Bool
    }

    /// Reads a number by RFC 8259's grammar, accumulating up to 18 digits.
    private mutating func numberParts() throws(JSONSyntaxError) -> NumberParts {
        guard try kind() == .number else { throw failure("expected a number") }
        let start = position
        var parts = NumberParts(range: start..<start, negative: false, significand: 0, digits: 0, fractionDigits: 0, hasExponent: false)
        if bytes[position] == UInt8(ascii: "-") {
            parts.negative = true
            position += 1
        }
        guard position < bytes.count, isDigit(bytes[position]) else { throw failure("invalid number") }
        let leadingZero = bytes[position] == UInt8(ascii: "0")
        accumulateDigits(into: &parts)
        if leadingZero, parts.digits > 1 { throw JSONSyntaxError(offset: start, reason: "invalid number") }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            let before = parts.digits
            accumulateDigits(into: &parts)
            parts.fractionDigits = parts.digits - before
            guard parts.fractionDigits > 0 else { throw failure("invalid fraction") }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            parts.hasExponent = true
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard position < bytes.count, isDigit(bytes[position]) else { throw failure("invalid exponent") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        parts.range = start..<position
        return parts
    }

    private mutating func accumulateDigits(into parts: inout NumberParts) {
        while position < bytes.count, isDigit(bytes[position]) {
            if parts.digits < 18 { parts.significand = parts.significand * 10 + UInt64(bytes[position] - UInt8(ascii: "0")) }
            parts.digits += 1
            position += 1
        }
    }

    private mutating func skipString() throws(JSONSyntaxError) -> Range<Int> {
        position += 1
        let start = position
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\""):
                position += 1
                return start..<(position - 1)
            case UInt8(ascii: "\\"):
                position += 2
            case 0x00..<0x20:
                throw failure("control character in string")
            default:
                position += 1
            }
        }
        throw failure("unterminated string")
    }

    private mutating func open(_ bracket: UInt8, _ what: String) throws(JSONSyntaxError) {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == bracket else { throw failure("expected \(what)") }
        position += 1
        atFirst = true
    }

    /// Past the separator before the next member or element; false after the `closing` bracket.
    private mutating func advance(closing: UInt8) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard position < bytes.count else { throw failure("unexpected end of input") }
        let first = atFirst
        atFirst = false
        if bytes[position] == closing {
            position += 1
            return false
        }
        if !first {
            guard bytes[position] == UInt8(ascii: ",") else { throw failure("expected ',' or the closing bracket") }
            position += 1
            skipWhitespace()
        }
        return true
    }

    private mutating func literal(_ text: StaticString) throws(JSONSyntaxError) {
        let count = text.utf8CodeUnitCount
        guard position + count <= bytes.count,
            text.withUTF8Buffer({ bytes[position..<position + count].elementsEqual($0) })
        else { throw failure("invalid literal") }
        position += count
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, JSONParser.isWhitespace(bytes[position]) { position += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private func failure(_ reason: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: position, reason: reason)
    }
}

/// Member names a hand-written decoder knows, looked up by the hash ``JSONReader`` computed while reading the name
/// (and confirmed byte for byte), so reading a record allocates no name strings. Not generic on purpose: a generic
/// table used from another module runs unspecialised, and its look-ups cost more than the rest of the page read.
public struct JSONNames: Sendable {
    /// Open addressing: an index into `names` plus one, 0 for an empty slot.
    private let slots: [Int]
    private let hashes: [UInt64]
    private let names: [[UInt8]]
    private let mask: Int

    /// A table of `names`; a name's index in the list is what look-ups answer.
    public init(_ names: [String]) {
        var size = 8
        while size < names.count * 4 { size *= 2 }
        var slots = [Int](repeating: 0, count: size)
        let hashes = names.map { JSONNames.hash($0.utf8) }
        for (index, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & (size - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = index + 1
        }
        self.slots = slots
        self.hashes = hashes
        self.names = names.map { Array($0.utf8) }
        mask = size - 1
    }

    /// The index of `name` (read by `reader`) in the table's list, or nil for a name the table does not know.
    public func index(of name: JSONReader.Name, in reader: borrowing JSONReader) -> Int? {
        var slot = Int(truncatingIfNeeded: name.hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if hashes[entry - 1] == name.hash, reader.bytes(in: name.range, equal: names[entry - 1]) { return entry - 1 }
            slot = (slot + 1) & mask
        }
    }

    /// FNV-1a, as ``JSONReader`` hashes member names.
    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}

extension JSONReader {
    /// The index of member `name` (just read) in `names`, or nil for a name `names` does not know.
    public func index(of name: Name, in names: JSONNames) -> Int? {
        names.index(of: name, in: self)
    }

    /// Whether the bytes at `range` are `other`.
    func bytes(in range: Range<Int>, equal other: [UInt8]) -> Bool {
        guard range.count == other.count else { return false }
        var position = range.lowerBound
        for byte in other {
            if bytes[position] != byte { return false }
            position += 1
        }
        return true
    }
}
