import Foundation
import PostgresNIO
import SyncStore

/// Verified webhook deliveries on PostgreSQL: whichever instance receives a delivery, its webhook id is stored
/// once (a unique index) and its jobs coalesce with the others'.
extension PostgresSyncStore {
    /// Stores `delivery` and enqueues `jobs`, unless it is a duplicate (bounded by ``requestTimeout``, so BigCommerce
    /// is answered 503 rather than kept waiting).
    ///
    /// Deliveries that arrive while the inbox's writers are busy are stored together, one transaction per batch
    /// (``GroupCommit``): each durable commit waits for the WAL's fsync, a few milliseconds here, and that wait,
    /// paid once per delivery, held acceptance near 1,000 deliveries/s (BENCHMARKS.md, "PostgreSQL"). A batch that
    /// fails answers each of its deliveries with the error (BigCommerce retries them).
    public func accept(_ delivery: WebhookDelivery, jobs: [(JobKey, [UInt8])], now: Date) async throws -> DeliveryOutcome {
        let inbox = self.inbox
        let outcome = try await bounded("the webhook delivery") {
            try await inbox.submit(ArrivingDelivery(delivery: delivery, jobs: jobs, now: now))
        }
        if !jobs.isEmpty { announcer.announce(.jobs) }
        return outcome
    }

    /// How many batches of deliveries are written at once.
    static let inboxWriters = 2

    /// Writes `batch` in one transaction, in the order of the first job key of each delivery so that two batches
    /// lock the jobs they share in the same order; outcomes in the order given.
    static func store(
        _ batch: [ArrivingDelivery], client: PostgresClient, logger: Logger
    ) async throws -> [Result<DeliveryOutcome, any Error>] {
        let order = batch.indices.sorted { left, right in
            let (a, b) = (batch[left].jobs.map(\.0.sortKey).min { $0.lexicographicallyPrecedes($1) } ?? [],
                          batch[right].jobs.map(\.0.sortKey).min { $0.lexicographicallyPrecedes($1) } ?? [])
            return a == b ? left < right : a.lexicographicallyPrecedes(b)
        }
        return try await write(client: client, logger: logger) { connection in
            var outcomes = [Result<DeliveryOutcome, any Error>?](repeating: nil, count: batch.count)
            for index in order {
                let item = batch[index]
                outcomes[index] = .success(try await Self.accept(item.delivery, jobs: item.jobs, now: item.now, on: connection, logger))
            }
            return outcomes.map { $0! }
        }
    }

    /// Stores one delivery inside the caller's transaction.
    private static func accept(
        _ delivery: WebhookDelivery, jobs: [(JobKey, [UInt8])], now: Date, on connection: PostgresConnection, _ logger: Logger
    ) async throws -> DeliveryOutcome {
        if let webhookID = delivery.webhookID {
            // Inserted first: a concurrent delivery of the same id waits on the unique index, then finds it.
            guard let id = try await insert(delivery, jobIDs: [], now: now, on: connection, logger) else {
                let existing = try await connection.rows(
                    "SELECT id FROM webhook_deliveries WHERE webhook_id = \(webhookID)", logger)
                return .duplicate(try existing.first?.decode(Int64.self) ?? 0)
            }
            let jobIDs = try await enqueue(jobs, runAt: now, now: now, on: connection, logger).map(\.jobID)
            if !jobIDs.isEmpty {
                try await connection.rows("UPDATE webhook_deliveries SET job_ids = \(jobIDs) WHERE id = \(id)", logger)
            }
            return .accepted(id)
        }
        if jobs.count == 1, let job = jobs.first {
            let statement = AcceptOneJobDeliveryStatement(delivery: delivery, job: (job.0, job.1), now: now.seconds)
            guard let outcome = try await connection.first(statement, logger) else {
                throw SyncStoreError.corruptRecord(table: "webhook_deliveries", detail: "accepting a delivery returned no row")
            }
            return outcome
        }
        if let hash = delivery.payloadHash, let existing = try await connection.first(DeliveryByHashStatement(hash: hash), logger) {
            _ = try await enqueue(jobs, runAt: now, now: now, on: connection, logger)
            return .duplicate(existing)
        }
        let jobIDs = try await enqueue(jobs, runAt: now, now: now, on: connection, logger).map(\.jobID)
        let id = try await insert(delivery, jobIDs: jobIDs, now: now, on: connection, logger)
        return .accepted(id ?? 0)
    }

    /// Inserts `delivery`; nil when its webhook id is already stored.
    private static func insert(
        _ delivery: WebhookDelivery, jobIDs: [Int64], now: Date, on connection: PostgresConnection, _ logger: Logger
    ) async throws -> Int64? {
        try await connection.first(InsertDeliveryStatement(delivery: delivery, jobIDs: jobIDs, receivedAt: now.seconds), logger)
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
