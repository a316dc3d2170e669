import Foundation
import GRDB

extension SQLiteSyncStore {
    /// Upserts hash and push time; `seen_run` is set when given and otherwise kept.
    static let upsertPushedSQL = """
        INSERT INTO ledger (storefront, entity, id, content_hash, pushed_at, seen_run)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (storefront, entity, id) DO UPDATE SET
            content_hash = excluded.content_hash,
            pushed_at = excluded.pushed_at,
            seen_run = coalesce(excluded.seen_run, ledger.seen_run)
        """

    /// Marks an id seen; a row for an id not held yet carries no hash (so it is not held).
    static let markSeenSQL = """
        INSERT INTO ledger (storefront, entity, id, seen_run) VALUES (?, ?, ?, ?)
        ON CONFLICT (storefront, entity, id) DO UPDATE SET seen_run = excluded.seen_run
        """

    /// Writes ledger pushes; ids in `seenIn` also get `run` as their seen mark.
    static func writePushed(
        _ db: Database,
        storefront: String,
        entity: EntityKind,
        documents: [StoredDocument],
        at: Date,
        run: String? = nil,
        seenIn seen: Set<Int> = []
    ) throws {
        guard !documents.isEmpty else { return }
        // Prepared once per batch: an SQL literal per row made page commits 25–50 % slower (release micro-benchmark).
        let statement = try db.cachedStatement(sql: upsertPushedSQL)
        let time = at.timeIntervalSince1970
        for document in documents {
            let seenRun = seen.contains(document.id) ? run : nil
            try statement.execute(arguments: [storefront, entity.rawValue, document.id, document.contentHash, time, seenRun])
        }
    }

    static func writeSeen(_ db: Database, storefront: String, entity: EntityKind, ids: some Sequence<Int>, run: String) throws {
        // Prepared once per batch too: an SQL literal per id made marking seen up to 30 % slower.
        let statement = try db.cachedStatement(sql: markSeenSQL)
        for id in ids {
            try statement.execute(arguments: [storefront, entity.rawValue, id, run])
        }
    }

    /// The held hashes among `ids`, read in chunks of ``readChunkSize``.
    public func pushedHashes(storefront: String, entity: EntityKind, ids: [Int]) async throws -> [Int: String] {
        guard !ids.isEmpty else { return [:] }
        return try await writer.read { db in
            var hashes: [Int: String] = Dictionary(minimumCapacity: ids.count)
            for chunk in ids.chunked(into: Self.readChunkSize) {
                // Prepared and read by index: `IN \(chunk)` and a decoded record made this read 2–3× slower.
                let statement = try db.cachedStatement(sql: """
                    SELECT id, content_hash FROM ledger
                    WHERE storefront = ? AND entity = ? AND content_hash IS NOT NULL
                    AND id IN (\(databaseQuestionMarks(count: chunk.count)))
                    """)
                var arguments: StatementArguments = [storefront, entity.rawValue]
                arguments += StatementArguments(Array(chunk))
                let rows = try Row.fetchCursor(statement, arguments: arguments)
                while let row = try rows.next() {
                    hashes[row[0]] = row[1]
                }
            }
            return hashes
        }
    }

    /// Upserts the documents' hashes with push time `at`, in one transaction; seen marks are kept.
    public func recordPushed(storefront: String, entity: EntityKind, documents: [StoredDocument], at: Date) async throws {
        guard !documents.isEmpty else { return }
        try await writer.write { db in
            try Self.writePushed(db, storefront: storefront, entity: entity, documents: documents, at: at)
        }
    }

    /// Deletes the ledger rows of `ids`, in one transaction.
    public func recordRemoved(storefront: String, entity: EntityKind, ids: [Int]) async throws {
        guard !ids.isEmpty else { return }
        try await writer.write { db in
            for chunk in ids.chunked(into: Self.readChunkSize) {
                try db.execute(literal: """
                    DELETE FROM ledger WHERE storefront = \(storefront) AND entity = \(entity) AND id IN \(chunk)
                    """)
            }
        }
    }

    /// Sets the seen mark of `ids` to `run`, in one transaction.
    public func markSeen(storefront: String, entity: EntityKind, ids: [Int], run: String) async throws {
        guard !ids.isEmpty else { return }
        try await writer.write { db in
            try Self.writeSeen(db, storefront: storefront, entity: entity, ids: ids, run: run)
        }
    }

    /// Held ids whose seen mark is not `run`, ascending.
    public func unseen(storefront: String, entity: EntityKind, run: String) async throws -> [Int] {
        try await writer.read { db in
            try SQLRequest<Int>(literal: """
                SELECT id FROM ledger
                WHERE storefront = \(storefront) AND entity = \(entity) AND content_hash IS NOT NULL
                AND (seen_run IS NULL OR seen_run <> \(run))
                ORDER BY id
                """).fetchAll(db)
        }
    }

    /// All held ids, ascending.
    public func heldIDs(storefront: String, entity: EntityKind) async throws -> [Int] {
        try await writer.read { db in
            try SQLRequest<Int>(literal: """
                SELECT id FROM ledger WHERE storefront = \(storefront) AND entity = \(entity) AND content_hash IS NOT NULL
                ORDER BY id
                """).fetchAll(db)
        }
    }
}
