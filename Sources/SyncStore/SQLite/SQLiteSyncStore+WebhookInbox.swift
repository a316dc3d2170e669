import Foundation
import GRDB

extension SQLiteSyncStore {
    /// Stores `delivery` and enqueues `jobs` in one `BEGIN IMMEDIATE` transaction, unless it is a duplicate.
    ///
    /// Deliveries that arrive while another is being written are written together, each in its own savepoint,
    /// and each is answered once that transaction committed (see ``GroupCommit``).
    public func accept(_ delivery: WebhookDelivery, jobs: [(JobKey, [UInt8])], now: Date) async throws -> DeliveryOutcome {
        try await inbox.submit(ArrivingDelivery(delivery: delivery, jobs: jobs, now: now))
    }

    /// The inbox's group commit over `writer`.
    static func inbox(writer: any DatabaseWriter) -> GroupCommit<ArrivingDelivery, DeliveryOutcome> {
        GroupCommit { batch in
            try await immediateWrite(writer) { db in
                batch.map { item in
                    Result { try inSavepoint(db) { try accept(db, item.delivery, jobs: item.jobs, now: item.now) } }
                }
            }
        }
    }

    private static func accept(
        _ db: Database, _ delivery: WebhookDelivery, jobs: [(JobKey, [UInt8])], now: Date
    ) throws -> DeliveryOutcome {
        if let webhookID = delivery.webhookID {
            if let existing = try SQLRequest<Int64>(
                literal: "SELECT id FROM webhook_deliveries WHERE webhook_id = \(webhookID)", cached: true
            ).fetchOne(db) {
                return .duplicate(existing)
            }
        } else if let hash = delivery.payloadHash, let existing = try SQLRequest<Int64>(
            literal: "SELECT id FROM webhook_deliveries WHERE payload_hash = \(hash)", cached: true
        ).fetchOne(db) {
            for (key, payload) in jobs {
                _ = try enqueue(db, key: key, payload: payload, runAt: now, now: now)
            }
            return .duplicate(existing)
        }
        let jobIDs = try jobs.map { key, payload in
            try enqueue(db, key: key, payload: payload, runAt: now, now: now).jobID
        }
        try WebhookDeliveryRow(delivery, receivedAt: now, jobIDs: jobIDs).insert(db)
        return .accepted(db.lastInsertedRowID)
    }

    /// Up to `limit` stored deliveries, most recently accepted first.
    public func deliveries(limit: Int) async throws -> [StoredWebhookDelivery] {
        try await writer.read { db in
            try SQLRequest<WebhookDeliveryRow>(literal: """
                SELECT * FROM webhook_deliveries ORDER BY id DESC LIMIT \(limit)
                """).fetchAll(db).map { try $0.storedDelivery() }
        }
    }

    /// Deletes deliveries received before `before`; returns how many.
    public func purgeDeliveries(before: Date) async throws -> Int {
        try await writer.write { db in
            try db.execute(literal: "DELETE FROM webhook_deliveries WHERE received_at < \(before.timeIntervalSince1970)")
            return db.changesCount
        }
    }
}
