/// The mapped document per storefront and id (served to shoppers by later issues).
public protocol CatalogMirror: Sendable {
    /// Inserts or replaces `documents`.
    func upsertMirror(storefront: String, entity: EntityKind, documents: [StoredDocument]) async throws
    /// Removes `ids`; ids not mirrored are ignored.
    func removeFromMirror(storefront: String, entity: EntityKind, ids: [Int]) async throws
    /// The mirrored documents among `ids`; ids not mirrored are absent from the result.
    func mirrored(storefront: String, entity: EntityKind, ids: [Int]) async throws -> [Int: StoredDocument]
}
