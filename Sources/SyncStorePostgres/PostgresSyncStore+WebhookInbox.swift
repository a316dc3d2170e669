import Foundation
import PostgresNIO
import SyncStore

/// Verified webhook deliveries on PostgreSQL: whichever instance receives a delivery, its webhook id is stored
/// once (a unique index) and its jobs coalesce with the others'.
extension PostgresSyncStore {
    /// Stores `delivery` and enqueues `jobs` in one transaction, unless it is a duplicate (bounded by
    /// ``requestTimeout``, so BigCommerce is answered 503 rather than kept waiting).
    public func accept(_ delivery: WebhookDelivery, jobs: [(JobKey, [UInt8])], now: Date) async throws -> DeliveryOutcome {
        let logger = logger
        let outcome = try await bounded("the webhook delivery") {
            try await self.write { connection in
                if let webhookID = delivery.webhookID {
                    // Inserted first: a concurrent delivery of the same id waits on the unique index, then finds it.
                    guard let id = try await Self.insert(delivery, jobIDs: [], now: now, on: connection, logger) else {
                        let existing = try await connection.rows(
                            "SELECT id FROM webhook_deliveries WHERE webhook_id = \(webhookID)", logger)
                        return DeliveryOutcome.duplicate(try existing.first?.decode(Int64.self) ?? 0)
                    }
                    let jobIDs = try await Self.enqueue(jobs, runAt: now, now: now, on: connection, logger).map(\.jobID)
                    if !jobIDs.isEmpty {
                        try await connection.rows("UPDATE webhook_deliveries SET job_ids = \(jobIDs) WHERE id = \(id)", logger)
                    }
                    return DeliveryOutcome.accepted(id)
                }
                if let hash = delivery.payloadHash, let existing = try await connection.rows(
                    "SELECT id FROM webhook_deliveries WHERE payload_hash = \(hash) ORDER BY id LIMIT 1", logger
                ).first {
                    _ = try await Self.enqueue(jobs, runAt: now, now: now, on: connection, logger)
                    return DeliveryOutcome.duplicate(try existing.decode(Int64.self))
                }
                let jobIDs = try await Self.enqueue(jobs, runAt: now, now: now, on: connection, logger).map(\.jobID)
                let id = try await Self.insert(delivery, jobIDs: jobIDs, now: now, on: connection, logger)
                return DeliveryOutcome.accepted(id ?? 0)
            }
        }
        if !jobs.isEmpty { announcer.announce(.jobs) }
        return outcome
    }

    /// Inserts `delivery`; nil when its webhook id is already stored.
    private static func insert(
        _ delivery: WebhookDelivery, jobIDs: [Int64], now: Date, on connection: PostgresConnection, _ logger: Logger
    ) async throws -> Int64? {
        try await connection.rows(
            """
            INSERT INTO webhook_deliveries (webhook_id, payload_hash, scope, store_id, body, received_at, job_ids)
            VALUES (\(delivery.webhookID), \(delivery.payloadHash), \(delivery.scope), \(delivery.storeID),
                    \(Data(delivery.body)), \(now.seconds), \(jobIDs))
            ON CONFLICT (webhook_id) WHERE webhook_id IS NOT NULL DO NOTHING
            RETURNING id
            """, logger
        ).first.map { try $0.decode(Int64.self) }
    }

    /// Up to `limit` stored deliveries, most recently accepted first.
    public func deliveries(limit: Int) async throws -> [StoredWebhookDelivery] {
        try await read(
            """
            SELECT id, webhook_id, payload_hash, scope, store_id, body, received_at, job_ids
            FROM webhook_deliveries ORDER BY id DESC LIMIT \(max(0, limit))
            """
        ).map { row in
            let (id, webhookID, payloadHash, scope, storeID, body, receivedAt, jobIDs) =
                try row.decode((Int64, String?, String?, String, String?, Data, Double, [Int64]).self)
            return StoredWebhookDelivery(
                id: id,
                delivery: WebhookDelivery(
                    webhookID: webhookID, payloadHash: payloadHash, scope: scope, storeID: storeID, body: [UInt8](body)),
                receivedAt: Date(seconds: receivedAt), jobIDs: jobIDs)
        }
    }

    /// Deletes deliveries received before `before`; returns how many.
    public func purgeDeliveries(before: Date) async throws -> Int {
        try await read(
            """
            WITH purged AS (DELETE FROM webhook_deliveries WHERE received_at < \(before.seconds) RETURNING 1)
            SELECT count(*) FROM purged
            """)[0].decode(Int.self)
    }
}
