import Foundation
import PostgresNIO
import SyncStore

/// The catalog ledger on PostgreSQL: batches go as arrays in one statement each.
extension PostgresSyncStore {
    /// The held hashes among `ids`.
    public func pushedHashes(storefront: String, entity: EntityKind, ids: [Int]) async throws -> [Int: String] {
        guard !ids.isEmpty else { return [:] }
        var hashes: [Int: String] = Dictionary(minimumCapacity: ids.count)
        for row in try await read(
            """
            SELECT id, content_hash FROM ledger
            WHERE storefront = \(storefront) AND entity = \(entity.rawValue) AND content_hash IS NOT NULL AND id = ANY(\(ids))
            """)
        {
            let (id, hash) = try row.decode((Int, String).self)
            hashes[id] = hash
        }
        return hashes
    }

    /// Upserts the documents' hashes with push time `at`; seen marks are kept.
    public func recordPushed(storefront: String, entity: EntityKind, documents: [StoredDocument], at: Date) async throws {
        guard !documents.isEmpty else { return }
        let logger = logger
        try await write { connection in
            try await Self.writePushed(storefront: storefront, entity: entity, documents: documents, at: at, on: connection, logger)
        }
    }

    /// Deletes the ledger rows of `ids`.
    public func recordRemoved(storefront: String, entity: EntityKind, ids: [Int]) async throws {
        guard !ids.isEmpty else { return }
        _ = try await read(
            "DELETE FROM ledger WHERE storefront = \(storefront) AND entity = \(entity.rawValue) AND id = ANY(\(ids))")
    }

    /// Sets the seen mark of `ids` to `run`.
    public func markSeen(storefront: String, entity: EntityKind, ids: [Int], run: String) async throws {
        guard !ids.isEmpty else { return }
        let logger = logger
        try await write { connection in
            try await Self.writeSeen(storefront: storefront, entity: entity, ids: ids, run: run, on: connection, logger)
        }
    }

    /// Held ids whose seen mark is not `run`, ascending.
    public func unseen(storefront: String, entity: EntityKind, run: String) async throws -> [Int] {
        try await read(
            """
            SELECT id FROM ledger
            WHERE storefront = \(storefront) AND entity = \(entity.rawValue) AND content_hash IS NOT NULL
              AND (seen_run IS NULL OR seen_run <> \(run))
            ORDER BY id
            """
        ).map { try $0.decode(Int.self) }
    }

    /// All held ids, ascending.
    public func heldIDs(storefront: String, entity: EntityKind) async throws -> [Int] {
        try await read(
            """
            SELECT id FROM ledger WHERE storefront = \(storefront) AND entity = \(entity.rawValue) AND content_hash IS NOT NULL
            ORDER BY id
            """
        ).map { try $0.decode(Int.self) }
    }

    /// Upserts hash and push time of `documents`; those whose id is in `seen` also get `run` as their seen mark,
    /// the others keep theirs.
    static func writePushed(
        storefront: String, entity: EntityKind, documents: [StoredDocument], at: Date, run: String? = nil,
        seenIn seen: Set<Int> = [], on connection: PostgresConnection, _ logger: Logger
    ) async throws {
        guard !documents.isEmpty else { return }
        try await connection.rows(
            """
            INSERT INTO ledger (storefront, entity, id, content_hash, pushed_at, seen_run)
            SELECT \(storefront), \(entity.rawValue), d.id, d.hash, \(at.seconds), CASE WHEN d.seen THEN \(run)::text END
            FROM unnest(\(documents.map(\.id))::int8[], \(documents.map(\.contentHash))::text[],
                        \(documents.map { seen.contains($0.id) })::bool[]) AS d(id, hash, seen)
            ON CONFLICT (storefront, entity, id) DO UPDATE SET
                content_hash = EXCLUDED.content_hash, pushed_at = EXCLUDED.pushed_at,
                seen_run = coalesce(EXCLUDED.seen_run, ledger.seen_run)
            """, logger)
    }

    /// Marks `ids` seen by `run`; a row for an id not held yet carries no hash (so it is not held).
    static func writeSeen(
        storefront: String, entity: EntityKind, ids: [Int], run: String, on connection: PostgresConnection, _ logger: Logger
    ) async throws {
        guard !ids.isEmpty else { return }
        try await connection.rows(
            """
            INSERT INTO ledger (storefront, entity, id, seen_run)
            SELECT \(storefront), \(entity.rawValue), id, \(run) FROM unnest(\(ids)::int8[]) AS id
            ON CONFLICT (storefront, entity, id) DO UPDATE SET seen_run = EXCLUDED.seen_run
            """, logger)
    }
}
