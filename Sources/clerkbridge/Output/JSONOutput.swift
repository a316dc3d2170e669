import Foundation

/// How every `--json` output is written: one line of compact JSON with sorted keys. Members without a value are left
/// out, never written as `null` (contract.md); encode optionals with `encodeIfPresent` (as synthesised coding does).
enum JSONOutput {
    /// The encoder for `--json` outputs.
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// `value` as one line of JSON.
    static func line(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Prints `value` as one line of JSON to standard output.
    static func print(_ value: some Encodable) throws {
        Swift.print(try line(value))
    }
}
