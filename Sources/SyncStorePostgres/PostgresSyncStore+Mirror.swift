import Foundation
import PostgresNIO
import SyncStore

/// The catalog mirror on PostgreSQL. Documents are `bytea` (the exact canonical bytes); the rare scans of their
/// JSON read them as `jsonb`.
extension PostgresSyncStore {
    /// Inserts or replaces the documents (`updated_at` is now for changed ones).
    public func upsertMirror(storefront: String, entity: EntityKind, documents: [StoredDocument]) async throws {
        guard !documents.isEmpty else { return }
        let logger = logger
        let now = Date()
        try await write { connection in
            try await Self.writeMirror(storefront: storefront, entity: entity, documents: documents, at: now, on: connection, logger)
        }
    }

    /// Deletes the mirrored documents of `ids`.
    public func removeFromMirror(storefront: String, entity: EntityKind, ids: [Int]) async throws {
        guard !ids.isEmpty else { return }
        _ = try await read(
            "DELETE FROM mirror WHERE storefront = \(storefront) AND entity = \(entity.rawValue) AND id = ANY(\(ids))")
    }

    /// The mirrored documents among `ids`.
    public func mirrored(storefront: String, entity: EntityKind, ids: [Int]) async throws -> [Int: StoredDocument] {
        guard !ids.isEmpty else { return [:] }
        var documents: [Int: StoredDocument] = Dictionary(minimumCapacity: ids.count)
        for row in try await read(
            """
            SELECT id, content_hash, document FROM mirror
            WHERE storefront = \(storefront) AND entity = \(entity.rawValue) AND id = ANY(\(ids))
            """)
        {
            let (id, hash, json) = try row.decode((Int, String, ByteBuffer).self)
            documents[id] = StoredDocument(id: id, contentHash: hash, json: Array(json.readableBytesView))
        }
        return documents
    }

    /// The product documents listing any of `categories` (a scan of the storefront's documents).
    public func mirroredProducts(storefront: String, inCategories categories: Set<Int>) async throws -> [Int] {
        guard !categories.isEmpty else { return [] }
        return try await read(
            """
            SELECT m.id FROM mirror AS m
            WHERE m.storefront = \(storefront) AND m.entity = \(EntityKind.product.rawValue)
              AND jsonb_typeof(convert_from(m.document, 'UTF8')::jsonb -> 'categories') = 'array'
              AND EXISTS (
                  SELECT 1 FROM jsonb_array_elements(convert_from(m.document, 'UTF8')::jsonb -> 'categories') AS c(value)
                  WHERE jsonb_typeof(c.value) = 'number' AND (c.value #>> '{}')::numeric = ANY(\(categories.sorted())::int8[]))
            ORDER BY m.id
            """
        ).map { try $0.decode(Int.self) }
    }

    /// The product documents whose `brand` is one of `brands` (a scan of the storefront's documents).
    public func mirroredProducts(storefront: String, withBrands brands: Set<String>) async throws -> [Int] {
        guard !brands.isEmpty else { return [] }
        return try await read(
            """
            SELECT id FROM mirror
            WHERE storefront = \(storefront) AND entity = \(EntityKind.product.rawValue)
              AND convert_from(document, 'UTF8')::jsonb ->> 'brand' = ANY(\(brands.sorted())::text[])
            ORDER BY id
            """
        ).map { try $0.decode(Int.self) }
    }

    /// The shown products by `total_sold`, best first (a scan of the storefront's documents; a non-numeric
    /// `total_sold` counts as 0).
    public func bestSellingProducts(storefront: String, inCategory category: Int?, limit: Int) async throws -> [Int] {
        guard limit > 0 else { return [] }
        return try await read(
            """
            SELECT id FROM (
                SELECT id, convert_from(document, 'UTF8')::jsonb AS d FROM mirror
                WHERE storefront = \(storefront) AND entity = \(EntityKind.product.rawValue)) AS m
            WHERE coalesce(d -> 'index', 'true') NOT IN ('false'::jsonb, '0'::jsonb)
              AND (\(category)::int8 IS NULL OR (jsonb_typeof(d -> 'categories') = 'array'
                   AND EXISTS (SELECT 1 FROM jsonb_array_elements(d -> 'categories') AS c(value)
                               WHERE jsonb_typeof(c.value) = 'number' AND (c.value #>> '{}')::numeric = \(category)::int8)))
            ORDER BY CASE WHEN jsonb_typeof(d -> 'total_sold') = 'number' THEN (d ->> 'total_sold')::numeric ELSE 0 END DESC, id
            LIMIT \(limit)
            """
        ).map { try $0.decode(Int.self) }
    }

    /// Upserts `documents`, replacing a document only when its hash changed (unchanged pages write nothing).
    static func writeMirror(
        storefront: String, entity: EntityKind, documents: [StoredDocument], at: Date, on connection: PostgresConnection,
        _ logger: Logger
    ) async throws {
        guard !documents.isEmpty else { return }
        try await connection.rows(
            """
            INSERT INTO mirror (storefront, entity, id, content_hash, document, updated_at)
            SELECT \(storefront), \(entity.rawValue), d.id, d.hash, d.document, \(at.seconds)
            FROM unnest(\(documents.map(\.id))::int8[], \(documents.map(\.contentHash))::text[],
                        \(documents.map { ByteBuffer(bytes: $0.json) })::bytea[]) AS d(id, hash, document)
            ON CONFLICT (storefront, entity, id) DO UPDATE SET
                content_hash = EXCLUDED.content_hash, document = EXCLUDED.document, updated_at = EXCLUDED.updated_at
            WHERE mirror.content_hash <> EXCLUDED.content_hash
            """, logger)
    }
}
