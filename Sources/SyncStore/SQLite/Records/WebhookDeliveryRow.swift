import Foundation
import GRDB

/// A row of `webhook_deliveries`: a verified delivery and the jobs it enqueued.
struct WebhookDeliveryRow: SQLiteRecord {
    static let databaseTableName = "webhook_deliveries"

    /// The delivery's id; nil until inserted.
    var id: Int64?
    var webhookID: String?
    var payloadHash: String?
    var scope: String
    var storeID: String?
    var body: Data
    var receivedAt: Date
    /// The jobs it inserted or coalesced into, a JSON array of ids.
    var jobIDs: String

    enum CodingKeys: String, CodingKey {
        case id, scope, body
        case webhookID = "webhook_id"
        case payloadHash = "payload_hash"
        case storeID = "store_id"
        case receivedAt = "received_at"
        case jobIDs = "job_ids"
    }

    /// The row of `delivery`, accepted at `receivedAt` with the jobs `jobIDs`.
    init(_ delivery: WebhookDelivery, receivedAt: Date, jobIDs: [Int64]) throws {
        webhookID = delivery.webhookID
        payloadHash = delivery.payloadHash
        scope = delivery.scope
        storeID = delivery.storeID
        body = Data(delivery.body)
        self.receivedAt = receivedAt
        self.jobIDs = String(decoding: try JSONEncoder().encode(jobIDs), as: UTF8.self)
    }

    /// The delivery as ``WebhookInbox`` returns it; throws ``SyncStoreError/corruptRecord(table:detail:)`` for
    /// unreadable job ids.
    func storedDelivery() throws -> StoredWebhookDelivery {
        let id = id ?? 0
        let jobs: [Int64]
        do {
            jobs = try JSONDecoder().decode([Int64].self, from: Data(jobIDs.utf8))
        } catch {
            throw SyncStoreError.corruptRecord(table: Self.databaseTableName, detail: "job ids of delivery \(id): \(error)")
        }
        let delivery = WebhookDelivery(
            webhookID: webhookID, payloadHash: payloadHash, scope: scope, storeID: storeID, body: [UInt8](body))
        return StoredWebhookDelivery(id: id, delivery: delivery, receivedAt: receivedAt, jobIDs: jobs)
    }
}
