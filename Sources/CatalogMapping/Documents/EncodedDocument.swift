/// A document serialised for Clerk: its canonical JSON bytes and their content hash.
public struct EncodedDocument: Sendable, Hashable {
    /// The product or category id.
    public var id: Int
    /// The canonical JSON (see ``ClerkDocument/canonicalJSON``).
    public var json: [UInt8]
    /// The lowercase hexadecimal SHA-256 of `json`.
    public var contentHash: String

    /// Creates an encoded document.
    public init(id: Int, json: [UInt8], contentHash: String) {
        self.id = id
        self.json = json
        self.contentHash = contentHash
    }
}
