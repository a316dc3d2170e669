import Foundation
import GRDB

/// A row of `dead_letters`: one failure, or the open letter that collects repeated failures of one entity.
package struct DeadLetterRow: SQLiteRecord {
    package static let databaseTableName = "dead_letters"

    /// The letter's id; nil until inserted.
    package var id: Int64?
    /// The storefront concerned, or nil for store-wide work.
    package var storefront: String?
    package var kind: String
    package var entityID: String
    package var requestPayload: Data?
    package var responseStatus: Int?
    package var responseBody: Data?
    package var error: String
    package var attempts: Int
    /// The failures, a JSON array of ``DeadLetterAttempt`` with `at` in seconds since 1970 and sorted keys.
    package var history: String
    package var firstFailedAt: Date
    package var lastFailedAt: Date
    /// When the letter was resolved; nil while open.
    package var resolvedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, storefront, kind, error, attempts, history
        case entityID = "entity_id"
        case requestPayload = "request_payload"
        case responseStatus = "response_status"
        case responseBody = "response_body"
        case firstFailedAt = "first_failed_at"
        case lastFailedAt = "last_failed_at"
        case resolvedAt = "resolved_at"
    }

    /// A letter as stored, column by column (another store's row).
    package init(
        id: Int64?, storefront: String?, kind: String, entityID: String, requestPayload: Data?, responseStatus: Int?,
        responseBody: Data?, error: String, attempts: Int, history: String, firstFailedAt: Date, lastFailedAt: Date,
        resolvedAt: Date?
    ) {
        self.id = id
        self.storefront = storefront
        self.kind = kind
        self.entityID = entityID
        self.requestPayload = requestPayload
        self.responseStatus = responseStatus
        self.responseBody = responseBody
        self.error = error
        self.attempts = attempts
        self.history = history
        self.firstFailedAt = firstFailedAt
        self.lastFailedAt = lastFailedAt
        self.resolvedAt = resolvedAt
    }

    /// A new open letter for the first failure `draft`, recorded at `at`.
    package init(_ draft: DeadLetterDraft, at: Date) throws {
        storefront = draft.storefront
        kind = draft.kind
        entityID = draft.entityID
        requestPayload = draft.requestPayload.map { Data($0) }
        responseStatus = draft.responseStatus
        responseBody = draft.responseBody.map { Data($0) }
        error = draft.error
        attempts = draft.attempts
        history = try Self.encode([DeadLetterAttempt(at: at, error: draft.error, responseStatus: draft.responseStatus)])
        firstFailedAt = at
        lastFailedAt = at
    }

    /// Adds another failure `draft`, recorded at `at`, to this open letter.
    package mutating func add(_ draft: DeadLetterDraft, at: Date) throws {
        let attempt = DeadLetterAttempt(at: at, error: draft.error, responseStatus: draft.responseStatus)
        history = try Self.encode(decodedHistory() + [attempt])
        requestPayload = draft.requestPayload.map { Data($0) }
        responseStatus = draft.responseStatus
        responseBody = draft.responseBody.map { Data($0) }
        error = draft.error
        attempts += draft.attempts
        lastFailedAt = at
    }

    /// The letter as ``DeadLetterQueue`` returns it; throws ``SyncStoreError/corruptRecord(table:detail:)``
    /// for an unreadable history.
    package func deadLetter() throws -> DeadLetter {
        DeadLetter(
            id: id ?? 0, storefront: storefront, kind: kind, entityID: entityID,
            requestPayload: requestPayload.map { [UInt8]($0) }, responseStatus: responseStatus,
            responseBody: responseBody.map { [UInt8]($0) }, error: error, attempts: attempts,
            history: try decodedHistory(), firstFailedAt: firstFailedAt, lastFailedAt: lastFailedAt,
            resolvedAt: resolvedAt)
    }

    private func decodedHistory() throws -> [DeadLetterAttempt] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        do {
            return try decoder.decode([DeadLetterAttempt].self, from: Data(history.utf8))
        } catch let failure {
            throw SyncStoreError.corruptRecord(
                table: Self.databaseTableName, detail: "history of letter \(id ?? 0): \(failure)")
        }
    }

    private static func encode(_ history: [DeadLetterAttempt]) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(history), as: UTF8.self)
    }
}
