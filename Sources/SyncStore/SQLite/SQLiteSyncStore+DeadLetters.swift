import Foundation
import GRDB

extension SQLiteSyncStore {
    private static let deadLetterColumns = """
        id, storefront, kind, entity_id, request_payload, response_status, response_body, error,
        attempts, history, first_failed_at, last_failed_at, resolved_at
        """

    /// Inserts a letter, or updates the open letter of the same (storefront, kind, entityID), in one transaction.
    @discardableResult
    public func addDeadLetter(_ draft: DeadLetterDraft, at: Date) async throws -> Int64 {
        let attempt = DeadLetterAttempt(at: at, error: draft.error, responseStatus: draft.responseStatus)
        let time = at.timeIntervalSince1970
        return try await writer.write { db in
            let open = try Row.fetchOne(
                db.cachedStatement(sql: """
                    SELECT id, history FROM dead_letters
                    WHERE ifnull(storefront, '') = ? AND kind = ? AND entity_id = ? AND resolved_at IS NULL
                    """),
                arguments: [draft.storefront ?? "", draft.kind, draft.entityID]
            )
            if let open {
                let id: Int64 = open["id"]
                var history = try Self.decodeHistory(open["history"], id: id)
                history.append(attempt)
                try db.cachedStatement(sql: """
                    UPDATE dead_letters SET
                        request_payload = ?, response_status = ?, response_body = ?, error = ?,
                        attempts = attempts + ?, history = ?, last_failed_at = ?
                    WHERE id = ?
                    """).execute(arguments: [
                        draft.requestPayload.map { Data($0) }, draft.responseStatus, draft.responseBody.map { Data($0) },
                        draft.error, draft.attempts, try Self.encodeHistory(history), time, id,
                    ])
                return id
            }
            try db.cachedStatement(sql: """
                INSERT INTO dead_letters
                    (storefront, kind, entity_id, request_payload, response_status, response_body, error,
                     attempts, history, first_failed_at, last_failed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                    draft.storefront, draft.kind, draft.entityID, draft.requestPayload.map { Data($0) },
                    draft.responseStatus, draft.responseBody.map { Data($0) }, draft.error, draft.attempts,
                    try Self.encodeHistory([attempt]), time, time,
                ])
            return db.lastInsertedRowID
        }
    }

    /// Letters, most recently failed first (ties: newest id first).
    public func deadLetters(includeResolved: Bool) async throws -> [DeadLetter] {
        try await writer.read { db in
            let filter = includeResolved ? "" : "WHERE resolved_at IS NULL"
            let rows = try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT \(Self.deadLetterColumns) FROM dead_letters \(filter)
                    ORDER BY last_failed_at DESC, id DESC
                    """)
            )
            return try rows.map(Self.deadLetter(from:))
        }
    }

    /// The letter with `id`, resolved or not.
    public func deadLetter(id: Int64) async throws -> DeadLetter? {
        try await writer.read { db in
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT \(Self.deadLetterColumns) FROM dead_letters WHERE id = ?"),
                arguments: [id]
            ).map(Self.deadLetter(from:))
        }
    }

    /// Marks letter `id` resolved at `at`; keeps the first resolution time; throws when there is no such letter.
    public func resolveDeadLetter(id: Int64, at: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE dead_letters SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL",
                arguments: [at.timeIntervalSince1970, id]
            )
            if db.changesCount == 0,
               try Bool.fetchOne(db, sql: "SELECT 1 FROM dead_letters WHERE id = ?", arguments: [id]) == nil {
                throw SyncStoreError.deadLetterNotFound(id: id)
            }
        }
    }

    /// Marks the open letter(s) of (storefront, kind, entityID) resolved at `at`; no-op when there is none.
    public func resolveDeadLetters(storefront: String?, kind: String, entityID: String, at: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE dead_letters SET resolved_at = ?
                    WHERE ifnull(storefront, '') = ? AND kind = ? AND entity_id = ? AND resolved_at IS NULL
                    """,
                arguments: [at.timeIntervalSince1970, storefront ?? "", kind, entityID]
            )
        }
    }

    public func resolveDeadLetters(storefront: String?, kind: String, entityIDs: [String], at: Date) async throws {
        guard !entityIDs.isEmpty else { return }
        try await writer.write { db in
            // Most pages have no open letter at all: look first, so the common case writes nothing.
            let open = try Int.fetchOne(
                db,
                sql: "SELECT count(*) FROM dead_letters WHERE ifnull(storefront, '') = ? AND kind = ? AND resolved_at IS NULL",
                arguments: [storefront ?? "", kind]) ?? 0
            guard open > 0 else { return }
            for entityID in entityIDs {
                try db.execute(
                    sql: """
                        UPDATE dead_letters SET resolved_at = ?
                        WHERE ifnull(storefront, '') = ? AND kind = ? AND entity_id = ? AND resolved_at IS NULL
                        """,
                    arguments: [at.timeIntervalSince1970, storefront ?? "", kind, entityID])
            }
        }
    }

    private static func deadLetter(from row: Row) throws -> DeadLetter {
        let id: Int64 = row["id"]
        let requestPayload: Data? = row["request_payload"]
        let responseBody: Data? = row["response_body"]
        let resolvedAt: Double? = row["resolved_at"]
        return DeadLetter(
            id: id,
            storefront: row["storefront"],
            kind: row["kind"],
            entityID: row["entity_id"],
            requestPayload: requestPayload.map { [UInt8]($0) },
            responseStatus: row["response_status"],
            responseBody: responseBody.map { [UInt8]($0) },
            error: row["error"],
            attempts: row["attempts"],
            history: try decodeHistory(row["history"], id: id),
            firstFailedAt: Date(timeIntervalSince1970: row["first_failed_at"]),
            lastFailedAt: Date(timeIntervalSince1970: row["last_failed_at"]),
            resolvedAt: resolvedAt.map { Date(timeIntervalSince1970: $0) }
        )
    }

    /// History is a JSON array of `{"at": seconds since 1970, "error": …, "responseStatus": …}`.
    private static func encodeHistory(_ history: [DeadLetterAttempt]) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(history), as: UTF8.self)
    }

    private static func decodeHistory(_ json: String, id: Int64) throws -> [DeadLetterAttempt] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        do {
            return try decoder.decode([DeadLetterAttempt].self, from: Data(json.utf8))
        } catch {
            throw SyncStoreError.corruptRecord(table: "dead_letters", detail: "history of letter \(id): \(error)")
        }
    }
}
