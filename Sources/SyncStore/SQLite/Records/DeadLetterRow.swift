import Foundation
import GRDB

/// A row of `dead_letters`: one failure, or the open letter that collects repeated failures of one entity.
struct DeadLetterRow: SQLiteRecord {
    static let databaseTableName = "dead_letters"

    /// The letter's id; nil until inserted.
    var id: Int64?
    /// The storefront concerned, or nil for store-wide work.
    var storefront: String?
    var kind: String
    var entityID: String
    var requestPayload: Data?
    var responseStatus: Int?
    var responseBody: Data?
    var error: String
    var attempts: Int
    /// The failures, a JSON array of ``DeadLetterAttempt`` with `at` in seconds since 1970 and sorted keys.
    var history: String
    var firstFailedAt: Date
    var lastFailedAt: Date
    /// When the letter was resolved; nil while open.
    var resolvedAt: Date?

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

    /// A new open letter for the first failure `draft`, recorded at `at`.
    init(_ draft: DeadLetterDraft, at: Date) throws {
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
    mutating func add(_ draft: DeadLetterDraft, at: Date) throws {
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
    func deadLetter() throws -> DeadLetter {
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
