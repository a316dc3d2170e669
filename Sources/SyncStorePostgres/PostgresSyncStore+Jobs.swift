import Foundation
import PostgresNIO
import Reliability
import SyncStore

/// The job queue on PostgreSQL, shared by every instance.
///
/// - Enqueue is one `INSERT … ON CONFLICT` on the unique partial index of pending jobs: two instances enqueueing
///   the same key at once leave one pending job.
/// - A claim locks due candidates with `FOR UPDATE SKIP LOCKED`, then, in a second statement that sees claims other
///   instances committed meanwhile, leases at most one per key and none whose key runs elsewhere.
/// - Settling a job reads its key's pending job and folds into it; a pending job inserted concurrently (a unique
///   violation) runs the transaction again, which then sees it.
/// - A job due now is announced on the jobs channel after its transaction committed (``PostgresWorkAnnouncer``).
extension PostgresSyncStore {
    /// The columns of a ``Job``, in the order ``Job/init(postgresRow:)`` reads them.
    static let jobColumns = jobColumns(of: nil)

    /// ``jobColumns`` qualified by `table`.
    static func jobColumns(of table: String?) -> String {
        [
            "id", "kind", "storefront", "entity", "payload", "state", "attempts", "run_at", "lease_owner",
            "lease_expires_at", "last_error", "wait_reason", "history", "created_at", "updated_at",
        ].map { column in table.map { "\($0).\(column)" } ?? column }.joined(separator: ", ")
    }

    /// Inserts a job for `key` or coalesces into its pending job.
    @discardableResult
    public func enqueue(_ key: JobKey, payload: [UInt8], runAt: Date, now: Date) async throws -> EnqueueOutcome {
        try await enqueue([(key, payload)], runAt: runAt, now: now)[0]
    }

    /// Enqueues every job in one transaction (keys in one order, so two batches sharing keys never deadlock).
    @discardableResult
    public func enqueue(_ jobs: [(JobKey, [UInt8])], runAt: Date, now: Date) async throws -> [EnqueueOutcome] {
        guard !jobs.isEmpty else { return [] }
        let logger = logger
        let outcomes = try await write { connection in
            try await Self.enqueue(jobs, runAt: runAt, now: now, on: connection, logger)
        }
        if runAt <= now { announcer.announce(.jobs) }
        return outcomes
    }

    /// Enqueues `jobs` inside the caller's transaction, in the order of their keys; outcomes in the order given. The
    /// caller announces them once committed.
    static func enqueue(
        _ jobs: [(JobKey, [UInt8])], runAt: Date, now: Date, on connection: PostgresConnection, _ logger: Logger
    ) async throws -> [EnqueueOutcome] {
        var outcomes = [EnqueueOutcome?](repeating: nil, count: jobs.count)
        let order = jobs.indices.sorted { left, right in
            let (a, b) = (jobs[left].0.sortKey, jobs[right].0.sortKey)
            return a == b ? left < right : a.lexicographicallyPrecedes(b)
        }
        for index in order {
            let (key, payload) = jobs[index]
            guard let (id, inserted) = try await connection.first(
                EnqueueJobStatement(key: key, payload: payload, runAt: runAt.seconds, now: now.seconds), logger)
            else { throw SyncStoreError.corruptRecord(table: "jobs", detail: "enqueueing \(key) returned no row") }
            outcomes[index] = inserted ? .inserted(id) : .coalesced(id)
        }
        return outcomes.map { $0! }
    }

    /// Whether a pending job keeps its `run_at` when new work for its key arrives (see the SQLite store): only an
    /// outage wait or an interruption is cut short. Refers to the pending row as `j`.
    static let keepsItsWait = """
        j.state = 'retryable' AND coalesce(j.wait_reason, '') NOT IN ('\(WaitReason.outage.rawValue)', '\(WaitReason.interrupted.rawValue)')
        """

    /// Makes the pending job for `key` due at `now` when it waits longer.
    @discardableResult
    public func expedite(_ key: JobKey, now: Date) async throws -> Bool {
        let rows = try await read(
            """
            WITH expedited AS (
                UPDATE jobs SET run_at = least(run_at, \(now.seconds)), updated_at = \(now.seconds)
                WHERE kind = \(key.kind.rawValue) AND storefront = \(key.storefront) AND entity = \(key.entity)
                  AND state IN ('available', 'retryable')
                RETURNING id)
            SELECT count(*) FROM expedited
            """)
        let expedited = try rows[0].decode(Int.self) > 0
        if expedited { announcer.announce(.jobs) }
        return expedited
    }

    /// Takes up to `limit` due jobs for `owner`: candidates locked with `SKIP LOCKED`, then leased at most one per
    /// key and none whose key runs outside this batch.
    public func claim(owner: String, now: Date, lease: Duration, limit: Int, kinds: Set<JobKind>?) async throws -> [Job] {
        guard limit > 0, kinds?.isEmpty != true else { return [] }
        let time = now.seconds
        let expiry = time + lease.timeInterval
        let kindFilter = kinds.map { kinds in
            "AND c.kind IN (\(kinds.map { "'\($0.rawValue)'" }.sorted().joined(separator: ", ")))"
        } ?? ""
        let logger = logger
        let jobs = try await write { connection in
            let candidates = try await connection.rows(
                """
                SELECT c.id FROM jobs AS c
                WHERE ((c.state IN ('available', 'retryable') AND c.run_at <= \(time))
                       OR (c.state = 'running' AND c.lease_expires_at <= \(time)))
                  \(unescaped: kindFilter)
                  AND NOT EXISTS (
                      SELECT 1 FROM jobs AS r
                      WHERE r.state = 'running' AND r.kind = c.kind AND r.storefront = c.storefront
                        AND r.entity = c.entity AND r.lease_expires_at > \(time))
                ORDER BY c.run_at, c.id
                LIMIT \(limit)
                FOR UPDATE SKIP LOCKED
                """, logger
            ).map { try $0.decode(Int64.self) }
            guard !candidates.isEmpty else { return [Job]() }
            // A fresh snapshot: a key another instance leased since the first statement is not run twice.
            return try await connection.rows(
                """
                WITH picked AS (
                    SELECT DISTINCT ON (kind, storefront, entity) id FROM jobs
                    WHERE id = ANY(\(candidates))
                      AND ((state IN ('available', 'retryable') AND run_at <= \(time))
                           OR (state = 'running' AND lease_expires_at <= \(time)))
                    ORDER BY kind, storefront, entity, run_at, id)
                UPDATE jobs AS j
                SET state = 'running', lease_owner = \(owner), lease_expires_at = \(expiry), wait_reason = NULL,
                    updated_at = \(time)
                FROM picked
                WHERE j.id = picked.id
                  AND NOT EXISTS (
                      SELECT 1 FROM jobs AS r
                      WHERE r.state = 'running' AND r.kind = j.kind AND r.storefront = j.storefront
                        AND r.entity = j.entity AND r.id <> ALL(\(candidates)))
                RETURNING \(unescaped: Self.jobColumns(of: "j"))
                """, logger
            ).map(Job.init(postgresRow:))
        }
        return jobs.sorted { ($0.runAt, $0.id) < ($1.runAt, $1.id) }
    }

    /// Marks the jobs `owner` still holds among `ids` completed.
    public func complete(ids: [Int64], owner: String, now: Date) async throws {
        guard !ids.isEmpty else { return }
        _ = try await read(
            """
            UPDATE jobs SET state = 'completed', attempts = attempts + 1, lease_expires_at = NULL, updated_at = \(now.seconds)
            WHERE id = ANY(\(ids)) AND state = 'running' AND lease_owner = \(owner)
            """)
    }

    /// Records a failed attempt; the job becomes `retryable` at `retryAt`, or `dead` without one.
    @discardableResult
    public func fail(id: Int64, owner: String, error: String, retryAt: Date?, now: Date) async throws -> JobState {
        let logger = logger
        return try await write(retryingConflicts: true) { connection in
            let job = try await Self.leasedJob(id: id, owner: owner, on: connection, logger)
            let history = job.history + [JobAttempt(at: now, error: error, transient: retryAt != nil)]
            guard let retryAt else {
                try await connection.rows(
                    """
                    UPDATE jobs SET state = 'dead', attempts = \(job.attempts + 1), last_error = \(error),
                        history = \(try JobAttempt.storedHistory(history)), lease_expires_at = NULL, updated_at = \(now.seconds)
                    WHERE id = \(id)
                    """, logger)
                return JobState.dead
            }
            try await Self.makeRetryable(
                job, runAt: retryAt, reason: nil, addedAttempts: 1, history: history, lastError: error, now: now,
                on: connection, logger)
            return JobState.retryable
        }
    }

    /// Puts the jobs `owner` still holds among `ids` back to `retryable` at `until` without counting an attempt.
    public func putBack(ids: [Int64], owner: String, until: Date, reason: WaitReason, now: Date) async throws {
        guard !ids.isEmpty else { return }
        let logger = logger
        try await write(retryingConflicts: true) { connection in
            let held = try await connection.rows(
                """
                SELECT \(unescaped: Self.jobColumns) FROM jobs
                WHERE id = ANY(\(ids)) AND state = 'running' AND lease_owner = \(owner)
                ORDER BY id FOR UPDATE
                """, logger
            ).map(Job.init(postgresRow:))
            for job in held {
                try await Self.makeRetryable(
                    job, runAt: until, reason: reason, addedAttempts: 0, history: job.history, lastError: job.lastError,
                    now: now, on: connection, logger)
            }
        }
    }

    /// Moves `owner`'s leases on the running jobs `ids` to `until`.
    public func renewLeases(ids: [Int64], owner: String, until: Date) async throws {
        guard !ids.isEmpty else { return }
        _ = try await read(
            """
            UPDATE jobs SET lease_expires_at = \(until.seconds)
            WHERE id = ANY(\(ids)) AND state = 'running' AND lease_owner = \(owner)
            """)
    }

    /// Makes every job waiting for an outage due at `now`.
    @discardableResult
    public func resumeAfterOutage(now: Date) async throws -> Int {
        let rows = try await read(
            """
            WITH resumed AS (
                UPDATE jobs SET run_at = least(run_at, \(now.seconds)), wait_reason = NULL, updated_at = \(now.seconds)
                WHERE state = 'retryable' AND wait_reason = \(WaitReason.outage.rawValue)
                RETURNING id)
            SELECT count(*) FROM resumed
            """)
        let resumed = try rows[0].decode(Int.self)
        if resumed > 0 { announcer.announce(.jobs) }
        return resumed
    }

    /// The number of jobs per state, 0 for states without jobs.
    public func jobCounts() async throws -> [JobState: Int] {
        var counts = Dictionary(uniqueKeysWithValues: JobState.allCases.map { ($0, 0) })
        for row in try await read("SELECT state, count(*) FROM jobs GROUP BY state") {
            let (state, count) = try row.decode((String, Int).self)
            guard let known = JobState(rawValue: state) else {
                throw SyncStoreError.corruptRecord(table: "jobs", detail: "unknown state '\(state)'")
            }
            counts[known] = count
        }
        return counts
    }

    /// The earliest `runAt` among pending jobs.
    public func oldestPendingRunAt() async throws -> Date? {
        try await read("SELECT min(run_at) FROM jobs WHERE state IN ('available', 'retryable')")[0]
            .decode(Double?.self).map(Date.init(seconds:))
    }

    /// Up to `limit` jobs in `state`, in the order ``JobQueue/jobs(state:limit:)`` describes.
    public func jobs(state: JobState, limit: Int) async throws -> [Job] {
        let order = switch state {
        case .available, .running, .retryable: "run_at, id"
        case .completed, .dead: "updated_at DESC, id DESC"
        }
        return try await read(
            """
            SELECT \(unescaped: Self.jobColumns) FROM jobs WHERE state = \(state.rawValue) ORDER BY \(unescaped: order)
            LIMIT \(max(0, limit))
            """
        ).map(Job.init(postgresRow:))
    }

    /// The job with `id`, or nil.
    public func job(id: Int64) async throws -> Job? {
        try await read("SELECT \(unescaped: Self.jobColumns) FROM jobs WHERE id = \(id)").first.map(Job.init(postgresRow:))
    }

    /// Makes dead job `id` available again (or merges it into its key's pending job).
    @discardableResult
    public func requeue(id: Int64, now: Date) async throws -> EnqueueOutcome {
        let logger = logger
        let outcome = try await write(retryingConflicts: true) { connection in
            guard let job = try await connection.rows(
                "SELECT \(unescaped: Self.jobColumns) FROM jobs WHERE id = \(id) FOR UPDATE", logger
            ).first.map(Job.init(postgresRow:)) else { throw SyncStoreError.jobNotFound(id: id) }
            guard job.state == .dead else { throw SyncStoreError.jobNotDead(id: id, state: job.state) }
            let time = now.seconds
            if let pending = try await Self.pendingJob(job.key, on: connection, logger) {
                try await connection.rows(
                    """
                    UPDATE jobs AS j SET
                        run_at = CASE WHEN \(unescaped: Self.keepsItsWait) THEN j.run_at ELSE least(j.run_at, \(time)) END,
                        history = \(try JobAttempt.storedHistory(job.history + pending.history)), updated_at = \(time)
                    WHERE j.id = \(pending.id)
                    """, logger)
                try await connection.rows("DELETE FROM jobs WHERE id = \(id)", logger)
                return EnqueueOutcome.coalesced(pending.id)
            }
            try await connection.rows(
                """
                UPDATE jobs SET state = 'available', attempts = 0, run_at = \(time), lease_expires_at = NULL,
                    wait_reason = NULL, updated_at = \(time)
                WHERE id = \(id)
                """, logger)
            return EnqueueOutcome.inserted(id)
        }
        announcer.announce(.jobs)
        return outcome
    }

    /// Deletes completed jobs last updated before `before`.
    @discardableResult
    public func purgeCompleted(before: Date) async throws -> Int {
        try await read(
            """
            WITH purged AS (DELETE FROM jobs WHERE state = 'completed' AND updated_at < \(before.seconds) RETURNING 1)
            SELECT count(*) FROM purged
            """)[0].decode(Int.self)
    }

    /// Job `id`, locked, if it is running under `owner`'s lease; throws ``SyncStoreError/jobNotFound(id:)`` or
    /// ``SyncStoreError/leaseLost(jobID:owner:)`` otherwise.
    private static func leasedJob(id: Int64, owner: String, on connection: PostgresConnection, _ logger: Logger) async throws -> Job {
        guard let job = try await connection.rows(
            "SELECT \(unescaped: jobColumns) FROM jobs WHERE id = \(id) FOR UPDATE", logger
        ).first.map(Job.init(postgresRow:)) else { throw SyncStoreError.jobNotFound(id: id) }
        guard job.state == .running, job.leaseOwner == owner else {
            throw SyncStoreError.leaseLost(jobID: id, owner: owner)
        }
        return job
    }

    /// Puts running `job` back to `retryable` at `runAt` (see the SQLite store): newer pending work for its key
    /// takes over the retry and `job`'s row goes.
    private static func makeRetryable(
        _ job: Job, runAt: Date, reason: WaitReason?, addedAttempts: Int, history: [JobAttempt], lastError: String?,
        now: Date, on connection: PostgresConnection, _ logger: Logger
    ) async throws {
        let time = now.seconds
        if let pending = try await pendingJob(job.key, on: connection, logger) {
            try await connection.rows(
                """
                UPDATE jobs SET state = 'retryable', run_at = greatest(run_at, \(runAt.seconds)),
                    attempts = attempts + \(job.attempts + addedAttempts), last_error = coalesce(\(lastError)::text, last_error),
                    history = \(try JobAttempt.storedHistory(history + pending.history)), wait_reason = \(reason?.rawValue)::text,
                    updated_at = \(time)
                WHERE id = \(pending.id)
                """, logger)
            try await connection.rows("DELETE FROM jobs WHERE id = \(job.id)", logger)
            return
        }
        try await connection.rows(
            """
            UPDATE jobs SET state = 'retryable', run_at = \(runAt.seconds), attempts = attempts + \(addedAttempts),
                last_error = \(lastError)::text, history = \(try JobAttempt.storedHistory(history)),
                wait_reason = \(reason?.rawValue)::text, lease_expires_at = NULL, updated_at = \(time)
            WHERE id = \(job.id)
            """, logger)
    }

    /// The pending job of `key`, locked.
    private static func pendingJob(_ key: JobKey, on connection: PostgresConnection, _ logger: Logger) async throws -> Job? {
        try await connection.rows(
            """
            SELECT \(unescaped: jobColumns) FROM jobs
            WHERE kind = \(key.kind.rawValue) AND storefront = \(key.storefront) AND entity = \(key.entity)
              AND state IN ('available', 'retryable')
            FOR UPDATE
            """, logger
        ).first.map(Job.init(postgresRow:))
    }
}

extension JobKey {
    /// One order of keys for everyone (transactions touching several keys take them in it).
    var sortKey: [String] { [kind.rawValue, storefront, entity] }
}

extension Job {
    /// A job from the columns ``PostgresSyncStore/jobColumns`` lists; an unknown kind or state is a corrupt record.
    init(postgresRow row: PostgresRow) throws {
        let (id, kindText, storefront, entity, payload, stateText, attempts, runAt, leaseOwner, leaseExpiresAt, lastError) =
            try row.decode((Int64, String, String, String, Data, String, Int, Double, String?, Double?, String?).self)
        let columns = row.makeRandomAccess()
        let waitReason = try columns[11].decode(String?.self)
        let history = try columns[12].decode(String.self)
        let createdAt = try columns[13].decode(Double.self)
        let updatedAt = try columns[14].decode(Double.self)
        guard let kind = JobKind(rawValue: kindText) else {
            throw SyncStoreError.corruptRecord(table: "jobs", detail: "job \(id) has unknown kind '\(kindText)'")
        }
        guard let state = JobState(rawValue: stateText) else {
            throw SyncStoreError.corruptRecord(table: "jobs", detail: "job \(id) has unknown state '\(stateText)'")
        }
        self.init(
            id: id, key: JobKey(kind: kind, storefront: storefront, entity: entity), payload: [UInt8](payload),
            state: state, attempts: attempts, runAt: Date(seconds: runAt), leaseOwner: leaseOwner,
            leaseExpiresAt: leaseExpiresAt.map(Date.init(seconds:)), lastError: lastError,
            waitReason: waitReason.flatMap(WaitReason.init(rawValue:)),
            history: try JobAttempt.history(stored: history, jobID: id), createdAt: Date(seconds: createdAt),
            updatedAt: Date(seconds: updatedAt))
    }
}
