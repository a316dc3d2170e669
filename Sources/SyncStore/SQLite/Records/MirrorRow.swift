import Foundation
import GRDB

/// A row of `mirror`: the latest document mapped for one catalog entity, served as product cards.
struct MirrorRow: SQLiteRecord {
    static let databaseTableName = "mirror"

    var storefront: String
    var entity: EntityKind
    var id: Int
    var contentHash: String
    var document: Data
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
