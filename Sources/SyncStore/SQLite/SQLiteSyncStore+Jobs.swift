import Foundation
import GRDB

/// The job queue on SQLite. Every operation is one transaction; claim, enqueue and the settling of a
/// job read and write under one `BEGIN IMMEDIATE` lock (SQLite has a single writer). The PostgreSQL
/// store will claim with `SELECT … FOR UPDATE SKIP LOCKED` instead, so several `worker` processes can
/// claim concurrently without blocking each other.
extension SQLiteSyncStore {
    private static let jobColumns = """
        id, kind, storefront, entity, payload, state, attempts, run_at, lease_owner, lease_expires_at,
        last_error, history, created_at, updated_at
        """

    /// Inserts a job for `key` or coalesces into its pending job, in one transaction.
    @discardableResult
    public func enqueue(_ key: JobKey, payload: [UInt8], runAt: Date, now: Date) async throws -> EnqueueOutcome {
        try await immediateWrite { db in
            try Self.enqueue(db, key: key, payload: payload, runAt: runAt, now: now)
        }
    }

    /// Enqueues every job in one `BEGIN IMMEDIATE` transaction.
    public func enqueue(_ jobs: [(JobKey, [UInt8])], runAt: Date, now: Date) async throws -> [EnqueueOutcome] {
        guard !jobs.isEmpty else { return [] }
        return try await immediateWrite { db in
            try jobs.map { key, payload in try Self.enqueue(db, key: key, payload: payload, runAt: runAt, now: now) }
        }
    }

    /// Makes the pending job for `key` due at `now` when it waits longer.
    @discardableResult
    public func expedite(_ key: JobKey, now: Date) async throws -> Bool {
        try await immediateWrite { db in
            let time = now.timeIntervalSince1970
            try db.execute(
                sql: """
                    UPDATE jobs SET run_at = min(run_at, ?), updated_at = ?
                    WHERE kind = ? AND storefront = ? AND entity = ? AND state IN ('available', 'retryable')
                    """,
                arguments: [time, time, key.kind, key.storefront, key.entity])
            return db.changesCount > 0
        }
    }

    /// Takes up to `limit` due jobs for `owner` in one `BEGIN IMMEDIATE` transaction.
    public func claim(owner: String, now: Date, lease: Duration, limit: Int, kinds: Set<String>?) async throws -> [Job] {
        guard limit > 0, kinds?.isEmpty != true else { return [] }
        let kindList = kinds.map { Array($0) } ?? []
        let kindFilter = kinds == nil ? "" : "AND kind IN (\(SQLiteBatching.placeholders(kindList.count)))"
        let time = now.timeIntervalSince1970
        let expiry = time + Self.seconds(lease)
        return try await immediateWrite { db in
            let kindArguments = StatementArguments(kindList)
            // Pending jobs whose key is not running under a valid lease, then expired leases.
            let candidates = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, kind, storefront, entity FROM (
                        SELECT * FROM (
                            SELECT id, kind, storefront, entity, run_at FROM jobs AS pending
                            WHERE state IN ('available', 'retryable') AND run_at <= ? \(kindFilter)
                              AND NOT EXISTS (
                                SELECT 1 FROM jobs AS running
                                WHERE running.state = 'running' AND running.kind = pending.kind
                                  AND running.storefront = pending.storefront AND running.entity = pending.entity
                                  AND running.lease_expires_at > ?)
                            ORDER BY run_at, id LIMIT ?)
                        UNION ALL
                        SELECT * FROM (
                            SELECT id, kind, storefront, entity, run_at FROM jobs
                            WHERE state = 'running' AND lease_expires_at <= ? \(kindFilter)
                            ORDER BY run_at, id LIMIT ?)
                    )
                    ORDER BY run_at, id
                    """,
                arguments: [time] + kindArguments + [time, limit, time] + kindArguments + [limit]
            )
            var keys = Set<JobKey>()
            var ids: [Int64] = []
            for row in candidates where ids.count < limit {
                let key = JobKey(kind: row["kind"], storefront: row["storefront"], entity: row["entity"])
                if keys.insert(key).inserted {
                    ids.append(row["id"])
                }
            }
            let update = try db.cachedStatement(sql: """
                UPDATE jobs SET state = 'running', lease_owner = ?, lease_expires_at = ?, updated_at = ? WHERE id = ?
                """)
            for id in ids {
                try update.execute(arguments: [owner, expiry, time, id])
            }
            guard !ids.isEmpty else { return [] }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.jobColumns) FROM jobs WHERE id IN (\(SQLiteBatching.placeholders(ids.count)))
                    ORDER BY run_at, id
                    """,
                arguments: StatementArguments(ids)
            ).map(Self.job(from:))
        }
    }

    /// Marks job `id` completed; throws ``SyncStoreError/leaseLost(jobID:owner:)`` when `owner` lost it.
    public func complete(id: Int64, owner: String, now: Date) async throws {
        try await immediateWrite { db in
            try db.cachedStatement(sql: """
                UPDATE jobs SET state = 'completed', attempts = attempts + 1, lease_expires_at = NULL, updated_at = ?
                WHERE id = ? AND state = 'running' AND lease_owner = ?
                """).execute(arguments: [now.timeIntervalSince1970, id, owner])
            if db.changesCount == 0 {
                _ = try Self.leasedJob(db, id: id, owner: owner)
            }
        }
    }

    /// Records a failed attempt; the job becomes `retryable` at `retryAt` or `dead`.
    @discardableResult
    public func fail(
        id: Int64, owner: String, error: String, transient: Bool, retryAt: Date, maxAttempts: Int, now: Date
    ) async throws -> JobState {
        try await immediateWrite { db in
            let job = try Self.leasedJob(db, id: id, owner: owner)
            let history = job.history + [JobAttempt(at: now, error: error, transient: transient)]
            let attempts = job.attempts + 1
            if !transient || attempts >= maxAttempts {
                try db.cachedStatement(sql: """
                    UPDATE jobs SET state = 'dead', attempts = ?, last_error = ?, history = ?,
                        lease_expires_at = NULL, updated_at = ?
                    WHERE id = ?
                    """).execute(arguments: [
                        attempts, error, try Self.encodeJobHistory(history), now.timeIntervalSince1970, id,
                    ])
                return .dead
            }
            try Self.makeRetryable(
                db, job: job, runAt: retryAt, addedAttempts: 1, history: history, lastError: error, now: now
            )
            return .retryable
        }
    }

    /// Puts job `id` back to `retryable` at `until` without counting an attempt.
    public func `defer`(id: Int64, owner: String, until: Date, now: Date) async throws {
        try await immediateWrite { db in
            let job = try Self.leasedJob(db, id: id, owner: owner)
            try Self.makeRetryable(
                db, job: job, runAt: until, addedAttempts: 0, history: job.history, lastError: job.lastError, now: now
            )
        }
    }

    /// Moves `owner`'s lease on job `id` to `until`.
    public func extendLease(id: Int64, owner: String, until: Date) async throws {
        try await immediateWrite { db in
            try db.cachedStatement(sql: """
                UPDATE jobs SET lease_expires_at = ? WHERE id = ? AND state = 'running' AND lease_owner = ?
                """).execute(arguments: [until.timeIntervalSince1970, id, owner])
            if db.changesCount == 0 {
                _ = try Self.leasedJob(db, id: id, owner: owner)
            }
        }
    }

    /// The number of jobs per state, 0 for states without jobs.
    public func jobCounts() async throws -> [JobState: Int] {
        try await writer.read { db in
            var counts = Dictionary(uniqueKeysWithValues: JobState.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT state, count(*) AS n FROM jobs GROUP BY state") {
                let state: String = row["state"]
                guard let known = JobState(rawValue: state) else {
                    throw SyncStoreError.corruptRecord(table: "jobs", detail: "unknown state '\(state)'")
                }
                counts[known] = row["n"]
            }
            return counts
        }
    }

    /// The earliest `runAt` among pending jobs.
    public func oldestPendingRunAt() async throws -> Date? {
        try await writer.read { db in
            try Double.fetchOne(db, sql: "SELECT min(run_at) FROM jobs WHERE state IN ('available', 'retryable')")
                .map { Date(timeIntervalSince1970: $0) }
        }
    }

    /// Up to `limit` jobs in `state`, in the order ``JobQueue/jobs(state:limit:)`` describes.
    public func jobs(state: JobState, limit: Int) async throws -> [Job] {
        let order = switch state {
        case .available, .running, .retryable: "run_at, id"
        case .completed, .dead: "updated_at DESC, id DESC"
        }
        return try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT \(Self.jobColumns) FROM jobs WHERE state = ? ORDER BY \(order) LIMIT ?",
                arguments: [state.rawValue, limit]
            ).map(Self.job(from:))
        }
    }

    /// The job with `id`, or nil.
    public func job(id: Int64) async throws -> Job? {
        try await writer.read { db in
            try Self.job(db, id: id)
        }
    }

    /// Makes dead job `id` available again (or merges it into its key's pending job).
    @discardableResult
    public func requeue(id: Int64, now: Date) async throws -> EnqueueOutcome {
        try await immediateWrite { db in
            guard let job = try Self.job(db, id: id) else { throw SyncStoreError.jobNotFound(id: id) }
            guard job.state == .dead else { throw SyncStoreError.jobNotDead(id: id, state: job.state) }
            let time = now.timeIntervalSince1970
            if let pending = try Self.pendingJob(db, key: job.key) {
                try db.cachedStatement(sql: """
                    UPDATE jobs SET
                        run_at = CASE WHEN state = 'retryable' THEN run_at ELSE min(run_at, ?) END,
                        history = ?, updated_at = ?
                    WHERE id = ?
                    """).execute(arguments: [
                        time, try Self.encodeJobHistory(job.history + pending.history), time, pending.id,
                    ])
                try db.execute(sql: "DELETE FROM jobs WHERE id = ?", arguments: [id])
                return .coalesced(pending.id)
            }
            try db.execute(
                sql: """
                    UPDATE jobs SET state = 'available', attempts = 0, run_at = ?, lease_expires_at = NULL, updated_at = ?
                    WHERE id = ?
                    """,
                arguments: [time, time, id]
            )
            return .inserted(id)
        }
    }

    /// Deletes completed jobs last updated before `before`.
    @discardableResult
    public func purgeCompleted(before: Date) async throws -> Int {
        try await immediateWrite { db in
            try db.execute(
                sql: "DELETE FROM jobs WHERE state = 'completed' AND updated_at < ?",
                arguments: [before.timeIntervalSince1970]
            )
            return db.changesCount
        }
    }

    /// Inserts a job for `key`, or coalesces into its pending job; call inside a write transaction.
    static func enqueue(_ db: Database, key: JobKey, payload: [UInt8], runAt: Date, now: Date) throws -> EnqueueOutcome {
        let time = now.timeIntervalSince1970
        let pending = try Row.fetchOne(
            db.cachedStatement(sql: """
                SELECT id, state, run_at FROM jobs
                WHERE kind = ? AND storefront = ? AND entity = ? AND state IN ('available', 'retryable')
                """),
            arguments: [key.kind, key.storefront, key.entity]
        )
        if let pending {
            let id: Int64 = pending["id"]
            let state: String = pending["state"]
            let current: Double = pending["run_at"]
            // A retryable job waits on a backoff or rate-limit reset: new changes do not cut the wait short.
            let next = state == JobState.retryable.rawValue ? current : min(current, runAt.timeIntervalSince1970)
            try db.cachedStatement(sql: "UPDATE jobs SET payload = ?, run_at = ?, updated_at = ? WHERE id = ?")
                .execute(arguments: [Data(payload), next, time, id])
            return .coalesced(id)
        }
        try db.cachedStatement(sql: """
            INSERT INTO jobs (kind, storefront, entity, payload, state, attempts, run_at, history, created_at, updated_at)
            VALUES (?, ?, ?, ?, 'available', 0, ?, '[]', ?, ?)
            """).execute(arguments: [
                key.kind, key.storefront, key.entity, Data(payload), runAt.timeIntervalSince1970, time, time,
            ])
        return .inserted(db.lastInsertedRowID)
    }

    /// Job `id` if it is running under `owner`'s lease; throws ``SyncStoreError/jobNotFound(id:)`` or
    /// ``SyncStoreError/leaseLost(jobID:owner:)`` otherwise.
    private static func leasedJob(_ db: Database, id: Int64, owner: String) throws -> Job {
        guard let job = try job(db, id: id) else { throw SyncStoreError.jobNotFound(id: id) }
        guard job.state == .running, job.leaseOwner == owner else {
            throw SyncStoreError.leaseLost(jobID: id, owner: owner)
        }
        return job
    }

    /// Puts running `job` back to `retryable` at `runAt`.
    ///
    /// When newer work for its key was enqueued during the run, that pending job (newer payload) takes
    /// over: it becomes retryable no earlier than `runAt`, inherits the attempts and history, and `job`'s
    /// row is removed, so the key still has one pending job.
    private static func makeRetryable(
        _ db: Database, job: Job, runAt: Date, addedAttempts: Int, history: [JobAttempt], lastError: String?, now: Date
    ) throws {
        let time = now.timeIntervalSince1970
        if let pending = try pendingJob(db, key: job.key) {
            try db.cachedStatement(sql: """
                UPDATE jobs SET state = 'retryable', run_at = max(run_at, ?), attempts = attempts + ?,
                    last_error = ifnull(?, last_error), history = ?, updated_at = ?
                WHERE id = ?
                """).execute(arguments: [
                    runAt.timeIntervalSince1970, job.attempts + addedAttempts, lastError,
                    try encodeJobHistory(history + pending.history), time, pending.id,
                ])
            try db.execute(sql: "DELETE FROM jobs WHERE id = ?", arguments: [job.id])
            return
        }
        try db.cachedStatement(sql: """
            UPDATE jobs SET state = 'retryable', run_at = ?, attempts = attempts + ?, last_error = ?, history = ?,
                lease_expires_at = NULL, updated_at = ?
            WHERE id = ?
            """).execute(arguments: [
                runAt.timeIntervalSince1970, addedAttempts, lastError, try encodeJobHistory(history), time, job.id,
            ])
    }

    private static func pendingJob(_ db: Database, key: JobKey) throws -> Job? {
        try Row.fetchOne(
            db.cachedStatement(sql: """
                SELECT \(jobColumns) FROM jobs
                WHERE kind = ? AND storefront = ? AND entity = ? AND state IN ('available', 'retryable')
                """),
            arguments: [key.kind, key.storefront, key.entity]
        ).map(job(from:))
    }

    private static func job(_ db: Database, id: Int64) throws -> Job? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(jobColumns) FROM jobs WHERE id = ?"),
            arguments: [id]
        ).map(job(from:))
    }

    private static func job(from row: Row) throws -> Job {
        let id: Int64 = row["id"]
        let state: String = row["state"]
        guard let known = JobState(rawValue: state) else {
            throw SyncStoreError.corruptRecord(table: "jobs", detail: "job \(id) has unknown state '\(state)'")
        }
        let payload: Data = row["payload"]
        let leaseExpiresAt: Double? = row["lease_expires_at"]
        return Job(
            id: id,
            key: JobKey(kind: row["kind"], storefront: row["storefront"], entity: row["entity"]),
            payload: [UInt8](payload),
            state: known,
            attempts: row["attempts"],
            runAt: Date(timeIntervalSince1970: row["run_at"]),
            leaseOwner: row["lease_owner"],
            leaseExpiresAt: leaseExpiresAt.map { Date(timeIntervalSince1970: $0) },
            lastError: row["last_error"],
            history: try decodeJobHistory(row["history"], id: id),
            createdAt: Date(timeIntervalSince1970: row["created_at"]),
            updatedAt: Date(timeIntervalSince1970: row["updated_at"])
        )
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// History is a JSON array of `{"at": seconds since 1970, "error": …, "transient": …}`.
    private static func encodeJobHistory(_ history: [JobAttempt]) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(history), as: UTF8.self)
    }

    private static func decodeJobHistory(_ json: String, id: Int64) throws -> [JobAttempt] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        do {
            return try decoder.decode([JobAttempt].self, from: Data(json.utf8))
        } catch {
            throw SyncStoreError.corruptRecord(table: "jobs", detail: "history of job \(id): \(error)")
        }
    }
}
