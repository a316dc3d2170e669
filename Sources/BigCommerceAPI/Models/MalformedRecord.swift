import Foundation

/// A record that could not be decoded: its raw JSON and what was wrong with it.
public struct MalformedRecord: Sendable {
    /// The record's id when it could still be read.
    public var id: Int?
    /// The record's raw JSON bytes, exactly as received.
    public var payload: Data
    /// The decoding error, e.g. `price: type mismatch, expected Decimal: …`.
    public var error: String

    /// Creates a malformed record.
    public init(id: Int?, payload: Data, error: String) {
        self.id = id
        self.payload = payload
        self.error = error
    }
}
