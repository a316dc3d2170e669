import Foundation
import GRDB

/// A row of `mirror`: the latest document mapped for one catalog entity, served as product cards.
struct MirrorRow: SQLiteRecord {
    static let databaseTableName = "mirror"

    /// The storefront.
    var storefront: String
    /// The kind of document.
    var entity: EntityKind
    /// The document id.
    var id: Int
    /// The hash of `document`.
    var contentHash: String
    /// The canonical JSON of the document.
    var document: Data
    /// When the document last changed.
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case storefront, entity, id, document
        case contentHash = "content_hash"
        case updatedAt = "updated_at"
    }

    /// The document as the store returns it.
    var storedDocument: StoredDocument {
        StoredDocument(id: id, contentHash: contentHash, json: [UInt8](document))
    }
}
