import Foundation
import GRDB

extension SQLiteSyncStore {
    /// Stores `delivery` and enqueues `jobs` in one `BEGIN IMMEDIATE` transaction, unless it is a duplicate.
    public func accept(_ delivery: WebhookDelivery, jobs: [(JobKey, [UInt8])], now: Date) async throws -> DeliveryOutcome {
        try await immediateWrite { db in
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
                    _ = try Self.enqueue(db, key: key, payload: payload, runAt: now, now: now)
                }
                return .duplicate(existing)
            }
            let jobIDs = try jobs.map { key, payload in
                try Self.enqueue(db, key: key, payload: payload, runAt: now, now: now).jobID
            }
            try WebhookDeliveryRow(delivery, receivedAt: now, jobIDs: jobIDs).insert(db)
            return .accepted(db.lastInsertedRowID)
        }
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
