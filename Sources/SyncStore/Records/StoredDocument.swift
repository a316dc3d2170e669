/// A mapped Clerk document as the store keeps it: its id, the content hash of its canonical JSON,
/// and the canonical JSON bytes themselves.
public struct StoredDocument: Sendable, Hashable {
    /// The document id (BigCommerce product or category id).
    public var id: Int
    /// Lowercase hex SHA-256 of `json`, as computed by `CatalogMapping`.
    public var contentHash: String
    /// The canonical JSON of the document, one object.
    public var json: [UInt8]

    /// Creates a stored document.
    public init(id: Int, contentHash: String, json: [UInt8]) {
        self.id = id
        self.contentHash = contentHash
        self.json = json
    }
}
