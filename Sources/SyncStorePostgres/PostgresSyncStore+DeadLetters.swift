import Foundation
import PostgresNIO
import SyncStore

/// Dead letters on PostgreSQL. Adding one reads the open letter of its entity and appends to it, under the
/// entity's advisory lock, so two instances failing the same entity keep one letter with both failures.
extension PostgresSyncStore {
    static let deadLetterColumns = """
        id, storefront, kind, entity_id, request_payload, response_status, response_body, error, attempts, history,
        first_failed_at, last_failed_at, resolved_at
        """

    /// Inserts a letter, or updates the open letter of the same (storefront, kind, entityID), in one transaction.
    @discardableResult
    public func addDeadLetter(_ draft: DeadLetterDraft, at: Date) async throws -> Int64 {
        let logger = logger
        return try await write { connection in
            try await connection.lockKeys(
                ["dead-letter\u{1F}\(draft.storefront ?? "")\u{1F}\(draft.kind)\u{1F}\(draft.entityID)"], logger)
            if var open = try await connection.rows(
                """
                SELECT \(unescaped: Self.deadLetterColumns) FROM dead_letters
                WHERE coalesce(storefront, '') = \(draft.storefront ?? "") AND kind = \(draft.kind)
                  AND entity_id = \(draft.entityID) AND resolved_at IS NULL
                """, logger
            ).first.map(DeadLetterRow.init(postgresRow:)), let id = open.id {
                try open.add(draft, at: at)
                try await connection.rows(
                    """
                    UPDATE dead_letters SET request_payload = \(open.requestPayload), response_status = \(open.responseStatus),
                        response_body = \(open.responseBody), error = \(open.error), attempts = \(open.attempts),
                        history = \(open.history), last_failed_at = \(open.lastFailedAt.seconds)
                    WHERE id = \(id)
                    """, logger)
                return id
            }
            let row = try DeadLetterRow(draft, at: at)
            return try await connection.rows(
                """
                INSERT INTO dead_letters (storefront, kind, entity_id, request_payload, response_status, response_body,
                    error, attempts, history, first_failed_at, last_failed_at)
                VALUES (\(row.storefront), \(row.kind), \(row.entityID), \(row.requestPayload), \(row.responseStatus),
                    \(row.responseBody), \(row.error), \(row.attempts), \(row.history), \(row.firstFailedAt.seconds),
                    \(row.lastFailedAt.seconds))
                RETURNING id
                """, logger)[0].decode(Int64.self)
        }
    }

    /// Letters, most recently failed first (ties: newest id first).
    public func deadLetters(includeResolved: Bool) async throws -> [DeadLetter] {
        try await read(
            """
            SELECT \(unescaped: Self.deadLetterColumns) FROM dead_letters
            \(unescaped: includeResolved ? "" : "WHERE resolved_at IS NULL")
            ORDER BY last_failed_at DESC, id DESC
            """
        ).map { try DeadLetterRow(postgresRow: $0).deadLetter() }
    }

    /// The letter with `id`, resolved or not.
    public func deadLetter(id: Int64) async throws -> DeadLetter? {
        try await read("SELECT \(unescaped: Self.deadLetterColumns) FROM dead_letters WHERE id = \(id)")
            .first.map { try DeadLetterRow(postgresRow: $0).deadLetter() }
    }

    /// Marks letter `id` resolved at `at`; keeps the first resolution time; throws when there is no such letter.
    public func resolveDeadLetter(id: Int64, at: Date) async throws {
        let rows = try await read(
            """
            WITH resolved AS (
                UPDATE dead_letters SET resolved_at = \(at.seconds) WHERE id = \(id) AND resolved_at IS NULL RETURNING id)
            SELECT (SELECT count(*) FROM resolved) + (SELECT count(*) FROM dead_letters WHERE id = \(id))
            """)
        guard try rows[0].decode(Int.self) > 0 else { throw SyncStoreError.deadLetterNotFound(id: id) }
    }

    /// Marks the open letter(s) of (storefront, kind, entityID) resolved at `at`; no-op when there is none.
    public func resolveDeadLetters(storefront: String?, kind: String, entityID: String, at: Date) async throws {
        try await resolveDeadLetters(storefront: storefront, kind: kind, entityIDs: [entityID], at: at)
    }

    /// Marks the open letters of (storefront, kind) for any of `entityIDs` resolved at `at`, in one statement.
    public func resolveDeadLetters(storefront: String?, kind: String, entityIDs: [String], at: Date) async throws {
        guard !entityIDs.isEmpty else { return }
        _ = try await read(
            """
            UPDATE dead_letters SET resolved_at = \(at.seconds)
            WHERE coalesce(storefront, '') = \(storefront ?? "") AND kind = \(kind) AND entity_id = ANY(\(entityIDs))
              AND resolved_at IS NULL
            """)
    }
}

extension DeadLetterRow {
    /// A letter from the columns ``PostgresSyncStore/deadLetterColumns`` lists.
    init(postgresRow row: PostgresRow) throws {
        let (id, storefront, kind, entityID, requestPayload, responseStatus, responseBody, error, attempts, history) =
            try row.decode((Int64, String?, String, String, Data?, Int?, Data?, String, Int, String).self)
        let columns = row.makeRandomAccess()
        self.init(
            id: id, storefront: storefront, kind: kind, entityID: entityID, requestPayload: requestPayload,
            responseStatus: responseStatus, responseBody: responseBody, error: error, attempts: attempts, history: history,
            firstFailedAt: Date(seconds: try columns[10].decode(Double.self)),
            lastFailedAt: Date(seconds: try columns[11].decode(Double.self)),
            resolvedAt: try columns[12].decode(Double?.self).map(Date.init(seconds:)))
    }
}
