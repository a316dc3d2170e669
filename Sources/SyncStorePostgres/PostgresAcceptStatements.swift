import Foundation
import Logging
import PostgresNIO
import SyncStore

// The statements every webhook delivery runs, prepared once per connection: parsing and planning them for each
// delivery was a third of PostgreSQL's time under a webhook burst (BENCHMARKS.md, "PostgreSQL").

/// Inserts a job for a key or coalesces into its pending job (the unique partial index of pending jobs decides);
/// answers the job's id and whether it was inserted.
struct EnqueueJobStatement: PostgresPreparedStatement {
    static let sql = """
        INSERT INTO jobs AS j (kind, storefront, entity, payload, state, attempts, run_at, history, created_at, updated_at)
        VALUES ($1, $2, $3, $4, 'available', 0, $5, '[]', $6, $6)
        ON CONFLICT (kind, storefront, entity) WHERE state IN ('available', 'retryable') DO UPDATE SET
            payload = EXCLUDED.payload,
            run_at = CASE WHEN \(PostgresSyncStore.keepsItsWait) THEN j.run_at ELSE least(j.run_at, EXCLUDED.run_at) END,
            updated_at = EXCLUDED.updated_at
        RETURNING j.id, (j.xmax = 0) AS inserted
        """

    var key: JobKey
    var payload: [UInt8]
    var runAt: Double
    var now: Double

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 6)
        bindings.append(key.kind.rawValue)
        bindings.append(key.storefront)
        bindings.append(key.entity)
        bindings.append(ByteBuffer(bytes: payload))
        bindings.append(runAt)
        bindings.append(now)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> (Int64, Bool) {
        try row.decode((Int64, Bool).self)
    }
}

/// The earliest stored delivery with a payload hash.
struct DeliveryByHashStatement: PostgresPreparedStatement {
    static let sql = "SELECT id FROM webhook_deliveries WHERE payload_hash = $1 ORDER BY id LIMIT 1"

    var hash: String

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(hash)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Int64 {
        try row.decode(Int64.self)
    }
}

/// Stores a delivery; no row when its webhook id is already stored.
struct InsertDeliveryStatement: PostgresPreparedStatement {
    static let sql = """
        INSERT INTO webhook_deliveries (webhook_id, payload_hash, scope, store_id, body, received_at, job_ids)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (webhook_id) WHERE webhook_id IS NOT NULL DO NOTHING
        RETURNING id
        """
    static let bindingDataTypes: [PostgresDataType] = [.text, .text, .text, .text, .bytea, .float8, .int8Array]

    var delivery: WebhookDelivery
    var jobIDs: [Int64]
    var receivedAt: Double

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 7)
        bindings.append(delivery.webhookID)
        bindings.append(delivery.payloadHash)
        bindings.append(delivery.scope)
        bindings.append(delivery.storeID)
        bindings.append(ByteBuffer(bytes: delivery.body))
        bindings.append(receivedAt)
        bindings.append(jobIDs)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Int64 {
        try row.decode(Int64.self)
    }
}

extension PostgresConnection {
    /// The first row `statement` answers (prepared on this connection the first time), or nil.
    func first<Statement: PostgresPreparedStatement>(_ statement: Statement, _ logger: Logger) async throws -> Statement.Row? {
        for try await row in try await execute(statement, logger: logger) { return row }
        return nil
    }
}

/// A delivery without a webhook id that queues one job (what BigCommerce's product, price and stock webhooks are), in
/// one round trip: the earliest stored delivery with its hash, if any, the job's upsert, and the delivery's insert
/// unless it was stored before. Answers the earlier delivery's id, or the new one's.
///
/// The general path (a webhook id, or several jobs) takes three statements; this one halves what a delivery costs
/// `serve` and PostgreSQL under a burst (BENCHMARKS.md, "PostgreSQL").
struct AcceptOneJobDeliveryStatement: PostgresPreparedStatement {
    static let sql = """
        WITH existing AS (
            SELECT id FROM webhook_deliveries WHERE payload_hash = $1 ORDER BY id LIMIT 1),
        job AS (
            INSERT INTO jobs AS j (kind, storefront, entity, payload, state, attempts, run_at, history, created_at, updated_at)
            VALUES ($2, $3, $4, $5, 'available', 0, $6, '[]', $6, $6)
            ON CONFLICT (kind, storefront, entity) WHERE state IN ('available', 'retryable') DO UPDATE SET
                payload = EXCLUDED.payload,
                run_at = CASE WHEN \(PostgresSyncStore.keepsItsWait) THEN j.run_at ELSE least(j.run_at, EXCLUDED.run_at) END,
                updated_at = EXCLUDED.updated_at
            RETURNING j.id),
        stored AS (
            INSERT INTO webhook_deliveries (webhook_id, payload_hash, scope, store_id, body, received_at, job_ids)
            SELECT NULL, $1, $7, $8, $9, $6, ARRAY(SELECT id FROM job)
            WHERE NOT EXISTS (SELECT 1 FROM existing)
            RETURNING id)
        SELECT (SELECT id FROM existing), (SELECT id FROM stored)
        """
    static let bindingDataTypes: [PostgresDataType] = [.text, .text, .text, .text, .bytea, .float8, .text, .text, .bytea]

    var delivery: WebhookDelivery
    var job: (key: JobKey, payload: [UInt8])
    var now: Double

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 9)
        bindings.append(delivery.payloadHash)
        bindings.append(job.key.kind.rawValue)
        bindings.append(job.key.storefront)
        bindings.append(job.key.entity)
        bindings.append(ByteBuffer(bytes: job.payload))
        bindings.append(now)
        bindings.append(delivery.scope)
        bindings.append(delivery.storeID)
        bindings.append(ByteBuffer(bytes: delivery.body))
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> DeliveryOutcome {
        let (earlier, stored) = try row.decode((Int64?, Int64?).self)
        if let earlier { return .duplicate(earlier) }
        guard let stored else {
            throw SyncStoreError.corruptRecord(table: "webhook_deliveries", detail: "a delivery was neither found nor stored")
        }
        return .accepted(stored)
    }
}
