import Foundation
import GRDB

extension SQLiteSyncStore {
    /// Inserts a letter, or updates the open letter of the same (storefront, kind, entityID), in one transaction.
    @discardableResult
    public func addDeadLetter(_ draft: DeadLetterDraft, at: Date) async throws -> Int64 {
        try await writer.write { db in
            let open = try SQLRequest<DeadLetterRow>(literal: """
                SELECT * FROM dead_letters
                WHERE ifnull(storefront, '') = \(draft.storefront ?? "") AND kind = \(draft.kind)
                AND entity_id = \(draft.entityID) AND resolved_at IS NULL
                """).fetchOne(db)
            if var open, let id = open.id {
                try open.updateChanges(db) { try $0.add(draft, at: at) }
                return id
            }
            try DeadLetterRow(draft, at: at).insert(db)
            return db.lastInsertedRowID
        }
    }

    /// Letters, most recently failed first (ties: newest id first).
    public func deadLetters(includeResolved: Bool) async throws -> [DeadLetter] {
        try await writer.read { db in
            let filter: SQL = includeResolved ? "" : "WHERE resolved_at IS NULL"
            return try SQLRequest<DeadLetterRow>(literal: """
                SELECT * FROM dead_letters \(filter) ORDER BY last_failed_at DESC, id DESC
                """).fetchAll(db).map { try $0.deadLetter() }
        }
    }

    /// The letter with `id`, resolved or not.
    public func deadLetter(id: Int64) async throws -> DeadLetter? {
        try await writer.read { db in
            try DeadLetterRow.fetchOne(db, key: id)?.deadLetter()
        }
    }

    /// Marks letter `id` resolved at `at`; keeps the first resolution time; throws when there is no such letter.
    public func resolveDeadLetter(id: Int64, at: Date) async throws {
        try await writer.write { db in
            try db.execute(literal: """
                UPDATE dead_letters SET resolved_at = \(at.timeIntervalSince1970) WHERE id = \(id) AND resolved_at IS NULL
                """)
            if db.changesCount == 0, try !DeadLetterRow.exists(db, key: id) {
                throw SyncStoreError.deadLetterNotFound(id: id)
            }
        }
    }

    /// Marks the open letter(s) of (storefront, kind, entityID) resolved at `at`; no-op when there is none.
    public func resolveDeadLetters(storefront: String?, kind: String, entityID: String, at: Date) async throws {
        try await resolveDeadLetters(storefront: storefront, kind: kind, entityIDs: [entityID], at: at)
    }

    /// Marks the open letters of (storefront, kind) for any of `entityIDs` resolved at `at`, in one transaction.
    public func resolveDeadLetters(storefront: String?, kind: String, entityIDs: [String], at: Date) async throws {
        guard !entityIDs.isEmpty else { return }
        let storefront = storefront ?? ""
        try await writer.write { db in
            // Most pages have no open letter at all: look first, so the common case writes nothing.
            let open = try SQLRequest<Int>(literal: """
                SELECT count(*) FROM dead_letters
                WHERE ifnull(storefront, '') = \(storefront) AND kind = \(kind) AND resolved_at IS NULL
                """, cached: true).fetchOne(db) ?? 0
            guard open > 0 else { return }
            for chunk in entityIDs.chunked(into: Self.readChunkSize) {
                try db.execute(literal: """
                    UPDATE dead_letters SET resolved_at = \(at.timeIntervalSince1970)
                    WHERE ifnull(storefront, '') = \(storefront) AND kind = \(kind) AND entity_id IN \(chunk)
                    AND resolved_at IS NULL
                    """)
            }
        }
    }
}
