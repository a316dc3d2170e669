import Foundation
import GRDB

extension SQLiteSyncStore {
    /// Stores `delivery` and enqueues `jobs` in one `BEGIN IMMEDIATE` transaction, unless it is a duplicate.
    public func accept(_ delivery: WebhookDelivery, jobs: [(JobKey, [UInt8])], now: Date) async throws -> DeliveryOutcome {
        try await immediateWrite { db in
            if let webhookID = delivery.webhookID {
                if let existing = try Int64.fetchOne(
                    db.cachedStatement(sql: "SELECT id FROM webhook_deliveries WHERE webhook_id = ?"), arguments: [webhookID])
                {
                    return .duplicate(existing)
                }
            } else if let hash = delivery.payloadHash, let existing = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT id FROM webhook_deliveries WHERE payload_hash = ?"), arguments: [hash])
            {
                for (key, payload) in jobs {
                    _ = try Self.enqueue(db, key: key, payload: payload, runAt: now, now: now)
                }
                return .duplicate(existing)
            }
            let jobIDs = try jobs.map { key, payload in
                try Self.enqueue(db, key: key, payload: payload, runAt: now, now: now).jobID
            }
            try db.cachedStatement(sql: """
                INSERT INTO webhook_deliveries (webhook_id, payload_hash, scope, store_id, body, received_at, job_ids)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                    delivery.webhookID, delivery.payloadHash, delivery.scope, delivery.storeID, Data(delivery.body),
                    now.timeIntervalSince1970, try Self.encodeJobIDs(jobIDs),
                ])
            return .accepted(db.lastInsertedRowID)
        }
    }

    /// Up to `limit` stored deliveries, most recently accepted first.
    public func deliveries(limit: Int) async throws -> [StoredWebhookDelivery] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, webhook_id, payload_hash, scope, store_id, body, received_at, job_ids
                    FROM webhook_deliveries ORDER BY id DESC LIMIT ?
                    """,
                arguments: [limit]
            ).map(Self.storedDelivery(from:))
        }
    }

    /// Deletes deliveries received before `before`; returns how many.
    public func purgeDeliveries(before: Date) async throws -> Int {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM webhook_deliveries WHERE received_at < ?", arguments: [before.timeIntervalSince1970])
            return db.changesCount
        }
    }

    private static func storedDelivery(from row: Row) throws -> StoredWebhookDelivery {
        let id: Int64 = row["id"]
        let body: Data = row["body"]
        let jobIDs: String = row["job_ids"]
        return StoredWebhookDelivery(
            id: id,
            delivery: WebhookDelivery(
                webhookID: row["webhook_id"],
                payloadHash: row["payload_hash"],
                scope: row["scope"],
                storeID: row["store_id"],
                body: [UInt8](body)
            ),
            receivedAt: Date(timeIntervalSince1970: row["received_at"]),
            jobIDs: try decodeJobIDs(jobIDs, id: id)
        )
    }

    /// Job ids are a JSON array of integers.
    private static func encodeJobIDs(_ ids: [Int64]) throws -> String {
        String(decoding: try JSONEncoder().encode(ids), as: UTF8.self)
    }

    private static func decodeJobIDs(_ json: String, id: Int64) throws -> [Int64] {
        do {
            return try JSONDecoder().decode([Int64].self, from: Data(json.utf8))
        } catch {
            throw SyncStoreError.corruptRecord(table: "webhook_deliveries", detail: "job ids of delivery \(id): \(error)")
        }
    }
}
