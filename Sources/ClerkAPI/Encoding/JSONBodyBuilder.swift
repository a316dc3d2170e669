/// Builds a JSON object body by byte concatenation: member names and string values are escaped here, raw members
/// (already-encoded documents) are copied as they are.
///
/// It remembers where a secret string value (the private key) sits so that the body can later be reproduced with
/// that value replaced by `***` without re-encoding anything.
struct JSONBodyBuilder {
    private(set) var bytes: [UInt8]
    private(set) var secretRange: Range<Int>?
    private var isEmpty = true

    /// Starts an object; `capacity` is a hint for the final size in bytes.
    init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
        bytes.append(UInt8(ascii: "{"))
    }

    /// Adds `"name":"value"`. When `isSecret`, the escaped value's position is remembered for redaction.
    mutating func addString(_ name: String, _ value: String, isSecret: Bool = false) {
        appendName(name)
        bytes.append(UInt8(ascii: "\""))
        let start = bytes.count
        JSONEscaping.appendEscaped(value, to: &bytes)
        if isSecret { secretRange = start..<bytes.count }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Adds `"name":123`.
    mutating func addInt(_ name: String, _ value: Int) {
        appendName(name)
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Adds `"name":true` or `"name":false`.
    mutating func addBool(_ name: String, _ value: Bool) {
        appendName(name)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// Adds `"name":"a"` when `value` is not nil; does nothing otherwise.
    mutating func addStringIfPresent(_ name: String, _ value: String?) {
        if let value { addString(name, value) }
    }

    /// Adds `"name":["a","b",…]` with every string escaped.
    mutating func addStringArray(_ name: String, _ values: [String]) {
        appendName(name)
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONEscaping.appendQuoted(value, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Adds `"name":[1,2,…]`.
    mutating func addIntArray(_ name: String, _ values: [Int]) {
        appendName(name)
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: String(value).utf8)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Adds `"name":[e1,e2,…]` with every element copied verbatim.
    mutating func addRawArray<Elements: Collection>(_ name: String, _ elements: Elements)
    where Elements.Element == [UInt8] {
        appendName(name)
        bytes.append(UInt8(ascii: "["))
        var first = true
        for element in elements {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            bytes.append(contentsOf: element)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Adds `"name":<json>` with `json` copied verbatim.
    mutating func addRaw(_ name: String, _ json: [UInt8]) {
        appendName(name)
        bytes.append(contentsOf: json)
    }

    /// Closes the object and returns the body with the remembered secret position.
    mutating func finish() -> RedactableBytes {
        bytes.append(UInt8(ascii: "}"))
        return RedactableBytes(bytes: bytes, secretRange: secretRange)
    }

    private mutating func appendName(_ name: String) {
        if !isEmpty { bytes.append(UInt8(ascii: ",")) }
        isEmpty = false
        JSONEscaping.appendQuoted(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }
}

/// Bytes to send plus the position of a secret inside them, so a redacted copy costs one splice.
struct RedactableBytes: Sendable {
    /// The bytes as sent.
    var bytes: [UInt8]
    /// Where the secret's (escaped) value sits in `bytes`, if anywhere.
    var secretRange: Range<Int>?

    /// `bytes` with the secret replaced by `***`.
    var redacted: [UInt8] {
        guard let secretRange else { return bytes }
        var copy = bytes
        copy.replaceSubrange(secretRange, with: Array("***".utf8))
        return copy
    }
}
