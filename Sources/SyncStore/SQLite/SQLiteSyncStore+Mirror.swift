import Foundation
import GRDB

extension SQLiteSyncStore {
    /// Replaces a document only when its hash changed, so unchanged pages cost no blob writes.
    static let upsertMirrorSQL = """
        INSERT INTO mirror (storefront, entity, id, content_hash, document, updated_at)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (storefront, entity, id) DO UPDATE SET
            content_hash = excluded.content_hash,
            document = excluded.document,
            updated_at = excluded.updated_at
        WHERE mirror.content_hash <> excluded.content_hash
        """

    static func writeMirror(_ db: Database, storefront: String, entity: EntityKind, documents: [StoredDocument], at: Date) throws {
        guard !documents.isEmpty else { return }
        // Prepared once per batch: an SQL literal per document made writing unchanged pages 2× slower.
        let statement = try db.cachedStatement(sql: upsertMirrorSQL)
        let time = at.timeIntervalSince1970
        for document in documents {
            try statement.execute(arguments: [
                storefront, entity.rawValue, document.id, document.contentHash, Data(document.json), time,
            ])
        }
    }

    /// Inserts or replaces the documents, in one transaction (`updated_at` is now for changed ones).
    public func upsertMirror(storefront: String, entity: EntityKind, documents: [StoredDocument]) async throws {
        guard !documents.isEmpty else { return }
        let now = Date()
        try await writer.write { db in
            try Self.writeMirror(db, storefront: storefront, entity: entity, documents: documents, at: now)
        }
    }

    /// Deletes the mirrored documents of `ids`, in one transaction.
    public func removeFromMirror(storefront: String, entity: EntityKind, ids: [Int]) async throws {
        guard !ids.isEmpty else { return }
        try await writer.write { db in
            for chunk in ids.chunked(into: Self.readChunkSize) {
                try db.execute(literal: """
                    DELETE FROM mirror WHERE storefront = \(storefront) AND entity = \(entity) AND id IN \(chunk)
                    """)
            }
        }
    }

    /// The mirrored documents among `ids`, read in chunks of ``readChunkSize``.
    public func mirrored(storefront: String, entity: EntityKind, ids: [Int]) async throws -> [Int: StoredDocument] {
        guard !ids.isEmpty else { return [:] }
        return try await writer.read { db in
            var documents: [Int: StoredDocument] = Dictionary(minimumCapacity: ids.count)
            for chunk in ids.chunked(into: Self.readChunkSize) {
                // Prepared and read by index, as `pushedHashes`: a decoded record made shoppers' card reads 1.6–3× slower.
                let statement = try db.cachedStatement(sql: """
                    SELECT id, content_hash, document FROM mirror
                    WHERE storefront = ? AND entity = ? AND id IN (\(databaseQuestionMarks(count: chunk.count)))
                    """)
                var arguments: StatementArguments = [storefront, entity.rawValue]
                arguments += StatementArguments(Array(chunk))
                let rows = try Row.fetchCursor(statement, arguments: arguments)
                while let row = try rows.next() {
                    let json: Data = row[2]
                    documents[row[0]] = StoredDocument(id: row[0], contentHash: row[1], json: [UInt8](json))
                }
            }
            return documents
        }
    }

    /// Scans the storefront's product documents with SQLite's JSON functions (a rare, off-path query).
    public func mirroredProducts(storefront: String, inCategories categories: Set<Int>) async throws -> [Int] {
        guard !categories.isEmpty else { return [] }
        return try await writer.read { db in
            try SQLRequest<Int>(literal: """
                SELECT DISTINCT mirror.id FROM mirror, json_each(CAST(mirror.document AS TEXT), '$.categories') AS category
                WHERE mirror.storefront = \(storefront) AND mirror.entity = \(EntityKind.product)
                AND category.value IN \(categories.sorted())
                ORDER BY mirror.id
                """).fetchAll(db)
        }
    }

    /// Scans the storefront's product documents for `index`, `total_sold` and, with a category, `categories`.
    public func bestSellingProducts(storefront: String, inCategory category: Int?, limit: Int) async throws -> [Int] {
        guard limit > 0 else { return [] }
        let categoryFilter: SQL = category.map { category in
            """
            AND EXISTS (SELECT 1 FROM json_each(CAST(mirror.document AS TEXT), '$.categories') AS c
                        WHERE c.value = \(category))
            """
        } ?? ""
        return try await writer.read { db in
            try SQLRequest<Int>(literal: """
                SELECT id FROM mirror
                WHERE storefront = \(storefront) AND entity = \(EntityKind.product)
                AND coalesce(json_extract(CAST(document AS TEXT), '$.index'), 1) != 0
                \(categoryFilter)
                ORDER BY coalesce(json_extract(CAST(document AS TEXT), '$.total_sold'), 0) DESC, id
                LIMIT \(limit)
                """).fetchAll(db)
        }
    }

    /// Scans the storefront's product documents' `brand` member (a rare, off-path query).
    public func mirroredProducts(storefront: String, withBrands brands: Set<String>) async throws -> [Int] {
        guard !brands.isEmpty else { return [] }
        return try await writer.read { db in
            try SQLRequest<Int>(literal: """
                SELECT id FROM mirror
                WHERE storefront = \(storefront) AND entity = \(EntityKind.product)
                AND json_extract(CAST(document AS TEXT), '$.brand') IN \(brands.sorted())
                ORDER BY id
                """).fetchAll(db)
        }
    }
}
