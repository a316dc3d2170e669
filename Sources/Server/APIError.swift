import Foundation

/// contract.md's error body: `{"error": {"code": "...", "message": "..."}}`.
public struct APIError: Sendable, Equatable, Encodable {
    /// A stable machine-readable code, e.g. `unauthenticated`.
    public var code: String
    /// What was wrong, for a person; never contains a secret.
    public var message: String

    /// Creates an error body.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// The encoded body.
    public var json: [UInt8] {
        struct Envelope: Encodable { var error: APIError }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(Envelope(error: self))) ?? Data(#"{"error":{"code":"internal","message":"unencodable error"}}"#.utf8))
    }
}
