import JSONSupport

/// Builds a JSON object body with the project's `JSONWriter`: member names and string values are escaped, raw
/// members (already-encoded documents) are copied as they are.
///
/// It remembers where a secret string value (the private key) sits so that the body can later be reproduced with
/// that value replaced by `***` without re-encoding anything.
struct JSONBodyBuilder {
    private var writer: JSONWriter
    private(set) var secretRange: Range<Int>?

    /// Starts an object; `capacity` is a hint for the final size in bytes.
    init(capacity: Int = 256) {
        writer = JSONWriter(capacity: capacity)
        writer.openObject()
    }

    /// Adds `"name":"value"`. When `isSecret`, the escaped value's position is remembered for redaction.
    mutating func addString(_ name: String, _ value: String, isSecret: Bool = false) {
        writer.key(name)
        let start = writer.bytes.count + 1
        writer.string(value)
        if isSecret { secretRange = start..<(writer.bytes.count - 1) }
    }

    /// Adds `"name":123`.
    mutating func addInt(_ name: String, _ value: Int) {
        writer.field(name, value)
    }

    /// Adds `"name":true` or `"name":false`.
    mutating func addBool(_ name: String, _ value: Bool) {
        writer.field(name, value)
    }

    /// Adds `"name":"a"` when `value` is not nil; does nothing otherwise.
    mutating func addStringIfPresent(_ name: String, _ value: String?) {
        if let value { writer.field(name, value) }
    }

    /// Adds `"name":["a","b",…]` with every string escaped.
    mutating func addStringArray(_ name: String, _ values: [String]) {
        writer.field(name, values)
    }

    /// Adds `"name":[1,2,…]`.
    mutating func addIntArray(_ name: String, _ values: [Int]) {
        writer.field(name, values)
    }

    /// Adds `"name":[e1,e2,…]` with every element copied verbatim.
    mutating func addRawArray<Elements: Collection>(_ name: String, _ elements: Elements)
    where Elements.Element == [UInt8] {
        writer.key(name)
        writer.openArray()
        for element in elements { writer.rawValue(element) }
        writer.closeArray()
    }

    /// Adds `"name":<json>` with `json` copied verbatim.
    mutating func addRaw(_ name: String, _ json: [UInt8]) {
        writer.key(name)
        writer.rawValue(json)
    }

    /// Closes the object and returns the body with the remembered secret position.
    mutating func finish() -> RedactableBytes {
        writer.closeObject()
        return RedactableBytes(bytes: writer.bytes, secretRange: secretRange)
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
