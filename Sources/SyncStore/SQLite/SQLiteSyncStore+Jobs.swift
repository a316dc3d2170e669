import Foundation
import GRDB
import Reliability

/// The job queue on SQLite. Every operation is one transaction; claim, enqueue and the settling of a
/// job read and write under one `BEGIN IMMEDIATE` lock (SQLite has a single writer).
extension SQLiteSyncStore {
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
            try db.execute(literal: """
                UPDATE jobs SET run_at = min(run_at, \(time)), updated_at = \(time)
                WHERE kind = \(key.kind.rawValue) AND storefront = \(key.storefront) AND entity = \(key.entity)
                  AND state IN ('available', 'retryable')
                """)
            return db.changesCount > 0
        }
    }

    /// Takes up to `limit` due jobs for `owner` in one `BEGIN IMMEDIATE` transaction.
    public func claim(owner: String, now: Date, lease: Duration, limit: Int, kinds: Set<JobKind>?) async throws -> [Job] {
        guard limit > 0, kinds?.isEmpty != true else { return [] }
        let kindFilter: SQL = kinds.map { "AND kind IN \($0.map(\.rawValue))" } ?? ""
        let time = now.timeIntervalSince1970
        let expiry = time + lease.timeInterval
        return try await immediateWrite { db in
            // Pending jobs whose key is not running under a valid lease, then expired leases.
            let candidates = try SQLRequest<Row>("""
                SELECT id, kind, storefront, entity FROM (
                    SELECT * FROM (
                        SELECT id, kind, storefront, entity, run_at FROM jobs AS pending
                        WHERE state IN ('available', 'retryable') AND run_at <= \(time) \(kindFilter)
                          AND NOT EXISTS (
                            SELECT 1 FROM jobs AS running
                            WHERE running.state = 'running' AND running.kind = pending.kind
                              AND running.storefront = pending.storefront AND running.entity = pending.entity
                              AND running.lease_expires_at > \(time))
                        ORDER BY run_at, id LIMIT \(limit))
                    UNION ALL
                    SELECT * FROM (
                        SELECT id, kind, storefront, entity, run_at FROM jobs
                        WHERE state = 'running' AND lease_expires_at <= \(time) \(kindFilter)
                        ORDER BY run_at, id LIMIT \(limit))
                )
                ORDER BY run_at, id
                """).fetchAll(db)
            var keys = Set<[String]>()
            var ids: [Int64] = []
            for row in candidates where ids.count < limit {
                if keys.insert([row["kind"], row["storefront"], row["entity"]]).inserted {
                    ids.append(row["id"])
                }
            }
            guard !ids.isEmpty else { return [] }
            try db.execute(literal: """
                UPDATE jobs SET state = 'running', lease_owner = \(owner), lease_expires_at = \(expiry),
                    wait_reason = NULL, updated_at = \(time)
                WHERE id IN \(ids)
                """)
            return try SQLRequest<Job>("SELECT * FROM jobs WHERE id IN \(ids) ORDER BY run_at, id").fetchAll(db)
        }
    }

    /// Marks the jobs `owner` still holds among `ids` completed.
    public func complete(ids: [Int64], owner: String, now: Date) async throws {
        guard !ids.isEmpty else { return }
        try await immediateWrite { db in
            try db.execute(literal: """
                UPDATE jobs SET state = 'completed', attempts = attempts + 1, lease_expires_at = NULL,
                    updated_at = \(now.timeIntervalSince1970)
                WHERE id IN \(ids) AND state = 'running' AND lease_owner = \(owner)
                """)
        }
    }

    /// Records a failed attempt; the job becomes `retryable` at `retryAt`, or `dead` without one.
    @discardableResult
    public func fail(id: Int64, owner: String, error: String, retryAt: Date?, now: Date) async throws -> JobState {
        try await immediateWrite { db in
            let job = try Self.leasedJob(db, id: id, owner: owner)
            let history = job.history + [JobAttempt(at: now, error: error, transient: retryAt != nil)]
            guard let retryAt else {
                try db.execute(literal: """
                    UPDATE jobs SET state = 'dead', attempts = \(job.attempts + 1), last_error = \(error),
                        history = \(try Self.encodeJobHistory(history)), lease_expires_at = NULL,
                        updated_at = \(now.timeIntervalSince1970)
                    WHERE id = \(id)
                    """)
                return .dead
            }
            try Self.makeRetryable(
                db, job: job, runAt: retryAt, reason: nil, addedAttempts: 1, history: history, lastError: error, now: now)
            return .retryable
        }
    }

    /// Puts the jobs `owner` still holds among `ids` back to `retryable` at `until` without counting an attempt.
    public func putBack(ids: [Int64], owner: String, until: Date, reason: WaitReason, now: Date) async throws {
        guard !ids.isEmpty else { return }
        try await immediateWrite { db in
            let held = try SQLRequest<Job>("""
                SELECT * FROM jobs WHERE id IN \(ids) AND state = 'running' AND lease_owner = \(owner)
                """).fetchAll(db)
            for job in held {
                try Self.makeRetryable(
                    db, job: job, runAt: until, reason: reason, addedAttempts: 0, history: job.history,
                    lastError: job.lastError, now: now)
            }
        }
    }

    /// Moves `owner`'s leases on the running jobs `ids` to `until`.
    public func renewLeases(ids: [Int64], owner: String, until: Date) async throws {
        guard !ids.isEmpty else { return }
        try await immediateWrite { db in
            try db.execute(literal: """
                UPDATE jobs SET lease_expires_at = \(until.timeIntervalSince1970)
                WHERE id IN \(ids) AND state = 'running' AND lease_owner = \(owner)
                """)
        }
    }

    /// Makes every job waiting for an outage due at `now`.
    @discardableResult
    public func resumeAfterOutage(now: Date) async throws -> Int {
        try await immediateWrite { db in
            let time = now.timeIntervalSince1970
            try db.execute(literal: """
                UPDATE jobs SET run_at = min(run_at, \(time)), wait_reason = NULL, updated_at = \(time)
                WHERE state = 'retryable' AND wait_reason = \(WaitReason.outage.rawValue)
                """)
            return db.changesCount
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
        let order: SQL = switch state {
        case .available, .running, .retryable: "run_at, id"
        case .completed, .dead: "updated_at DESC, id DESC"
        }
        return try await writer.read { db in
            try SQLRequest<Job>("SELECT * FROM jobs WHERE state = \(state.rawValue) ORDER BY \(order) LIMIT \(limit)").fetchAll(db)
        }
    }

    /// The job with `id`, or nil.
    public func job(id: Int64) async throws -> Job? {
        try await writer.read { db in
            try Job.fetchOne(db, key: id)
        }
    }

    /// Makes dead job `id` available again (or merges it into its key's pending job).
    @discardableResult
    public func requeue(id: Int64, now: Date) async throws -> EnqueueOutcome {
        try await immediateWrite { db in
            guard let job = try Job.fetchOne(db, key: id) else { throw SyncStoreError.jobNotFound(id: id) }
            guard job.state == .dead else { throw SyncStoreError.jobNotDead(id: id, state: job.state) }
            let time = now.timeIntervalSince1970
            if let pending = try Self.pendingJob(db, key: job.key) {
                try db.execute(literal: """
                    UPDATE jobs SET
                        run_at = CASE WHEN \(Self.keepsItsWait) THEN run_at ELSE min(run_at, \(time)) END,
                        history = \(try Self.encodeJobHistory(job.history + pending.history)), updated_at = \(time)
                    WHERE id = \(pending.id)
                    """)
                try db.execute(literal: "DELETE FROM jobs WHERE id = \(id)")
                return .coalesced(pending.id)
            }
            try db.execute(literal: """
                UPDATE jobs SET state = 'available', attempts = 0, run_at = \(time), lease_expires_at = NULL,
                    wait_reason = NULL, updated_at = \(time)
                WHERE id = \(id)
                """)
            return .inserted(id)
        }
    }

    /// Deletes completed jobs last updated before `before`.
    @discardableResult
    public func purgeCompleted(before: Date) async throws -> Int {
        try await immediateWrite { db in
            try db.execute(literal: """
                DELETE FROM jobs WHERE state = 'completed' AND updated_at < \(before.timeIntervalSince1970)
                """)
            return db.changesCount
        }
    }

    /// Whether a pending job keeps its `run_at` when new work for its key arrives: only a wait for an outage or
    /// after an interruption is cut short (the change is a reason to try the dependency again); a backoff after
    /// a failed attempt, a server's `Retry-After` and a time the job asked for are kept, so a flood of changes
    /// cannot spend a failing job's attempts early.
    private static let keepsItsWait: SQL = """
        state = 'retryable' AND ifnull(wait_reason, '') NOT IN \([WaitReason.outage.rawValue, WaitReason.interrupted.rawValue])
        """

    /// Inserts a job for `key`, or coalesces into its pending job; call inside a write transaction.
    static func enqueue(_ db: Database, key: JobKey, payload: [UInt8], runAt: Date, now: Date) throws -> EnqueueOutcome {
        let time = now.timeIntervalSince1970
        if let pending = try pendingJob(db, key: key) {
            // A new change cuts an outage wait short; other waits are kept (see `keepsItsWait`).
            // Cached statements: every webhook delivery runs these, and compiling them each time cost a third of the
            // acceptance rate (BENCHMARKS.md, "Webhooks").
            try db.cachedStatement(literal: """
                UPDATE jobs SET payload = \(Data(payload)),
                    run_at = CASE WHEN \(keepsItsWait) THEN run_at ELSE min(run_at, \(runAt.timeIntervalSince1970)) END,
                    updated_at = \(time)
                WHERE id = \(pending.id)
                """).execute()
            return .coalesced(pending.id)
        }
        try db.cachedStatement(literal: """
            INSERT INTO jobs (kind, storefront, entity, payload, state, attempts, run_at, history, created_at, updated_at)
            VALUES (\(key.kind.rawValue), \(key.storefront), \(key.entity), \(Data(payload)), 'available', 0,
                    \(runAt.timeIntervalSince1970), '[]', \(time), \(time))
            """).execute()
        return .inserted(db.lastInsertedRowID)
    }

    /// Job `id` if it is running under `owner`'s lease; throws ``SyncStoreError/jobNotFound(id:)`` or
    /// ``SyncStoreError/leaseLost(jobID:owner:)`` otherwise.
    private static func leasedJob(_ db: Database, id: Int64, owner: String) throws -> Job {
        guard let job = try Job.fetchOne(db, key: id) else { throw SyncStoreError.jobNotFound(id: id) }
        guard job.state == .running, job.leaseOwner == owner else {
            throw SyncStoreError.leaseLost(jobID: id, owner: owner)
        }
        return job
    }

    /// Puts running `job` back to `retryable` at `runAt`, waiting for `reason` (nil: a backoff after a failure).
    ///
    /// When newer work for its key was enqueued during the run, that pending job (newer payload) takes
    /// over: it becomes retryable no earlier than `runAt`, inherits the attempts and history, and `job`'s
    /// row is removed, so the key still has one pending job.
    private static func makeRetryable(
        _ db: Database, job: Job, runAt: Date, reason: WaitReason?, addedAttempts: Int, history: [JobAttempt],
        lastError: String?, now: Date
    ) throws {
        let time = now.timeIntervalSince1970
        let encoded = try encodeJobHistory(history)
        if let pending = try pendingJob(db, key: job.key) {
            try db.execute(literal: """
                UPDATE jobs SET state = 'retryable', run_at = max(run_at, \(runAt.timeIntervalSince1970)),
                    attempts = attempts + \(job.attempts + addedAttempts), last_error = ifnull(\(lastError), last_error),
                    history = \(try encodeJobHistory(history + pending.history)), wait_reason = \(reason?.rawValue),
                    updated_at = \(time)
                WHERE id = \(pending.id)
                """)
            try db.execute(literal: "DELETE FROM jobs WHERE id = \(job.id)")
            return
        }
        try db.execute(literal: """
            UPDATE jobs SET state = 'retryable', run_at = \(runAt.timeIntervalSince1970), attempts = attempts + \(addedAttempts),
                last_error = \(lastError), history = \(encoded), wait_reason = \(reason?.rawValue),
                lease_expires_at = NULL, updated_at = \(time)
            WHERE id = \(job.id)
            """)
    }

    private static func pendingJob(_ db: Database, key: JobKey) throws -> Job? {
        try SQLRequest<Job>(literal: """
            SELECT * FROM jobs
            WHERE kind = \(key.kind.rawValue) AND storefront = \(key.storefront) AND entity = \(key.entity)
              AND state IN ('available', 'retryable')
            """, cached: true).fetchOne(db)
    }

    static func encodeJobHistory(_ history: [JobAttempt]) throws -> String {
        try JobAttempt.storedHistory(history)
    }
}
