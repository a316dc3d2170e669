import Foundation

/// A small, fast, allocation-light JSON writer producing compact UTF-8 with fields in the order written.
struct JSONWriter {
    var bytes: [UInt8] = []
    private var needsComma = false
    private var afterKey = false

    init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    private mutating func prefix() {
        if afterKey {
            afterKey = false
        } else if needsComma {
            bytes.append(UInt8(ascii: ","))
        }
    }

    mutating func openObject() {
        prefix()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    mutating func closeObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func openArray() {
        prefix()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    mutating func closeArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    mutating func key(_ name: String) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        appendString(name)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
        needsComma = false
    }

    /// Appends already-encoded JSON as one value.
    mutating func rawValue(_ json: [UInt8]) {
        prefix()
        bytes.append(contentsOf: json)
        needsComma = true
    }

    mutating func string(_ value: String) {
        prefix()
        appendString(value)
        needsComma = true
    }

    mutating func int(_ value: Int) {
        prefix()
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    mutating func bool(_ value: Bool) {
        prefix()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        needsComma = true
    }

    mutating func null() {
        prefix()
        bytes.append(contentsOf: "null".utf8)
        needsComma = true
    }

    /// A number in plain decimal notation.
    mutating func number(_ value: Decimal) {
        prefix()
        bytes.append(contentsOf: value.description.utf8)
        needsComma = true
    }

    // MARK: Field conveniences

    mutating func field(_ name: String, _ value: String) {
        key(name)
        string(value)
    }

    mutating func field(_ name: String, _ value: Int) {
        key(name)
        int(value)
    }

    mutating func field(_ name: String, _ value: Int?) {
        key(name)
        if let value { int(value) } else { null() }
    }

    mutating func field(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }

    mutating func field(_ name: String, _ value: Decimal) {
        key(name)
        number(value)
    }

    mutating func field(_ name: String, _ value: Decimal?) {
        key(name)
        if let value { number(value) } else { null() }
    }

    mutating func field(_ name: String, _ values: [Int]) {
        key(name)
        openArray()
        for value in values { int(value) }
        closeArray()
    }

    mutating func field(_ name: String, _ values: [String]) {
        key(name)
        openArray()
        for value in values { string(value) }
        closeArray()
    }

    /// A V3 date: ISO-8601 with offset, `2024-03-01T10:00:00+00:00`.
    mutating func field(_ name: String, date: Date) {
        key(name)
        string(DateText.iso8601(date))
    }

    private mutating func appendString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        let utf8 = value.utf8
        if !utf8.contains(where: { $0 < 0x20 || $0 == 34 || $0 == 92 }) {
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [92, 92])
            case 0x0A: bytes.append(contentsOf: [92, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [92, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [92, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
