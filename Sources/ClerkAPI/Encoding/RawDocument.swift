/// One Clerk document (a product or a category) that is already encoded as a JSON object.
///
/// The client never re-encodes it: upsert bodies are built by concatenating `json` as is, so it must be a
/// single valid JSON object whose `id` equals `id`.
public struct RawDocument: Sendable, Hashable {
    /// The document id (Clerk's `id` attribute).
    public var id: Int
    /// The UTF-8 bytes of the JSON object.
    public var json: [UInt8]

    /// Creates a document from its id and its encoded JSON object.
    public init(id: Int, json: [UInt8]) {
        self.id = id
        self.json = json
    }
}
