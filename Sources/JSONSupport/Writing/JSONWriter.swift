import Foundation

/// The one JSON writer: compact UTF-8, members in the order written, strings escaped per RFC 8259 (`"`, `\` and
/// control characters; non-ASCII kept as UTF-8), decimals in plain notation.
///
/// Hand-written rather than `JSONEncoder` because its output must stay byte for byte what content hashes were
/// computed from (``canonicalOrder(_:)``) whatever Foundation the binary runs on, at 14 µs a mapped document
/// against `JSONEncoder`'s 47 µs; and because it splices already-encoded documents into request bodies
/// (``rawValue(_:)``): 13 µs for 250 documents, where encoding them again takes 10.8 ms (BENCHMARKS.md).
public struct JSONWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []
    private var needsComma = false
    private var afterKey = false

    /// An empty writer; `capacity` is a hint for the final size in bytes.
    public init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    /// Starts an object (`{`).
    public mutating func openObject() {
        prefix()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Ends the innermost object (`}`).
    public mutating func closeObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Starts an array (`[`).
    public mutating func openArray() {
        prefix()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    /// Ends the innermost array (`]`).
    public mutating func closeArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes a member name; the next value written is its value.
    public mutating func key(_ name: String) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        Self.appendQuoted(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
        needsComma = false
    }

    /// Writes already-encoded JSON as one value, byte for byte.
    public mutating func rawValue(_ json: [UInt8]) {
        prefix()
        bytes.append(contentsOf: json)
        needsComma = true
    }

    /// Writes a string.
    public mutating func string(_ value: String) {
        prefix()
        Self.appendQuoted(value, to: &bytes)
        needsComma = true
    }

    /// Writes an integer.
    public mutating func int(_ value: Int) {
        prefix()
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ value: Bool) {
        prefix()
        bytes.append(contentsOf: value ? Self.trueBytes : Self.falseBytes)
        needsComma = true
    }

    /// Writes `null`.
    public mutating func null() {
        prefix()
        bytes.append(contentsOf: Self.nullBytes)
        needsComma = true
    }

    /// Writes a decimal in plain notation without trailing fractional zeros (``JSONNumber/decimal(_:)``); a NaN,
    /// which JSON cannot express, as `0` (as content hashes always had it; callers that must refuse NaN check first).
    public mutating func number(_ value: Decimal) {
        prefix()
        bytes.append(contentsOf: JSONNumber.decimal(value) ?? [UInt8(ascii: "0")])
        needsComma = true
    }

    private mutating func prefix() {
        if afterKey {
            afterKey = false
        } else if needsComma {
            bytes.append(UInt8(ascii: ","))
        }
    }

    private static let trueBytes: [UInt8] = Array("true".utf8)
    private static let falseBytes: [UInt8] = Array("false".utf8)
    private static let nullBytes: [UInt8] = Array("null".utf8)
}

extension JSONWriter {
    /// `keys` in canonical order: ascending by their UTF-8 bytes, the order content hashes were computed with.
    public static func canonicalOrder(_ keys: [String]) -> [String] {
        // For ASCII names String order is UTF-8 byte order and cheaper; the byte-wise comparison is kept for
        // the rare non-ASCII name. (An array, not any collection: unspecialised across modules, sorting a
        // dictionary's keys cost a third of the reindex's document encoding.)
        keys.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
            ? keys.sorted()
            : keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The contents of a JSON string for `text`, without the quotes.
    public static func escaped(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        appendEscaped(text, to: &output)
        return output
    }

    /// Appends `text` as a quoted JSON string.
    static func appendQuoted(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        appendEscaped(text, to: &output)
        output.append(UInt8(ascii: "\""))
    }

    /// Appends the escaped contents of `text`: runs of plain bytes are copied at once, `"`, `\` and control
    /// characters escaped one by one.
    static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
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
    }

    private static func appendEscape(_ byte: UInt8, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(byte)
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        case 0x08: output.append(UInt8(ascii: "b"))
        case 0x0C: output.append(UInt8(ascii: "f"))
        default:
            output.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            Hex.append(byte, to: &output)
        }
    }
}
