import Foundation
import Reliability

/// The durable job queue: webhooks, reconciliation, reindex and sales all feed it; workers claim jobs with a
/// lease.
///
/// **Coalescing.** At most one *pending* (`available` or `retryable`) job exists per ``JobKey``. An enqueue
/// for a key with a pending job merges into it; a key whose job is `running` gets a new `available` job,
/// so changes that arrive during a run are not lost. That job is not claimed while the running one holds
/// a valid lease, so one key never runs twice at once.
///
/// **Leases.** ``claim(owner:now:lease:limit:kinds:)`` hands jobs to a worker until the lease expires; the
/// worker renews it while the job runs (``renewLeases(ids:owner:until:)``), and a crashed worker's jobs are
/// claimed again once it expires. A worker whose lease was taken over gets
/// ``SyncStoreError/leaseLost(jobID:owner:)`` from ``fail(id:owner:error:retryAt:now:)``, and the new owner's
/// state is left alone; completions and put-backs of jobs it no longer holds are ignored. A worker whose
/// lease expired but that nobody took over yet may still finish the job.
///
/// **Waits.** A job back in the queue remembers why it waits (``Job/waitReason``): a new enqueue for its key
/// cuts an outage wait (or an interruption's) short, since the change is a reason to try again, but keeps a
/// backoff after a failed attempt, a server's `Retry-After` and a wait the job asked for, so a flood of changes
/// cannot spend a failing job's attempts early; ``resumeAfterOutage(now:)`` makes every job that waited for an
/// outage due at once.
///
/// All times are parameters (`now`), so callers and tests control the clock.
public protocol JobQueue: Sendable {
    /// Enqueues work for `key` to run at `runAt`, coalescing with the key's pending job.
    ///
    /// When the key has a pending job, its payload is replaced and its `runAt` becomes the earlier of the
    /// two, unless it is `retryable` for any reason but an outage or an interruption, when it keeps its wait;
    /// its attempts and history are kept. Otherwise a new `available` job is inserted.
    @discardableResult
    func enqueue(_ key: JobKey, payload: [UInt8], runAt: Date, now: Date) async throws -> EnqueueOutcome

    /// Makes the pending job for `key` due at `now` if it waits longer, whatever it waits for (a wait that
    /// new evidence ends, such as a sale waiting for its visitor). Returns whether such a job exists.
    @discardableResult
    func expedite(_ key: JobKey, now: Date) async throws -> Bool

    /// Enqueues several jobs at once (in one transaction where the store can), each as
    /// ``enqueue(_:payload:runAt:now:)`` would.
    @discardableResult
    func enqueue(_ jobs: [(JobKey, [UInt8])], runAt: Date, now: Date) async throws -> [EnqueueOutcome]

    /// Atomically takes up to `limit` due jobs for `owner` and marks them `running` until `now + lease`.
    ///
    /// Due jobs are pending ones with `runAt <= now` and running ones whose lease expired (a crashed
    /// worker's), ordered by `runAt`, then id; at most one per key. `kinds` restricts the job kinds (nil:
    /// all). Attempts are not counted here but when the job completes or fails.
    func claim(owner: String, now: Date, lease: Duration, limit: Int, kinds: Set<JobKind>?) async throws -> [Job]

    /// Marks the jobs `ids` that `owner` still holds `completed` (one attempt more each) and releases them.
    func complete(ids: [Int64], owner: String, now: Date) async throws

    /// Records a failed attempt of job `id` and returns its new state: `retryable` at `retryAt`, or `dead`
    /// when `retryAt` is nil (payload and history kept).
    ///
    /// The attempt is appended to the history. When newer work for the key was enqueued during the run, that
    /// pending job takes over a retry instead: it becomes `retryable` no earlier than `retryAt` with the
    /// attempts and history, and job `id` is removed.
    @discardableResult
    func fail(id: Int64, owner: String, error: String, retryAt: Date?, now: Date) async throws -> JobState

    /// Puts the jobs `ids` that `owner` still holds back to `retryable` at `until` without counting an attempt,
    /// remembering `reason`. Like a retryable failure, each folds into newer pending work for its key when there
    /// is some.
    func putBack(ids: [Int64], owner: String, until: Date, reason: WaitReason, now: Date) async throws

    /// Extends `owner`'s leases on the running jobs `ids` to `until` (the heartbeat while they run).
    func renewLeases(ids: [Int64], owner: String, until: Date) async throws

    /// Makes every job that waits for an outage due at `now`; returns how many.
    @discardableResult
    func resumeAfterOutage(now: Date) async throws -> Int

    /// The number of jobs in each state; every state is present, with 0 when there is none.
    func jobCounts() async throws -> [JobState: Int]

    /// The earliest `runAt` of the pending jobs, or nil when nothing is pending.
    func oldestPendingRunAt() async throws -> Date?

    /// Up to `limit` jobs in `state`: pending and running ones by `runAt`, then id; completed and dead
    /// ones most recently updated first.
    func jobs(state: JobState, limit: Int) async throws -> [Job]

    /// The job with `id`, or nil.
    func job(id: Int64) async throws -> Job?

    /// Replays dead job `id`: it becomes `available` at `now` with its attempts reset (history kept).
    ///
    /// When its key already has a pending job (newer work for the same key), the dead job is merged into
    /// that one instead (which keeps its newer payload and runs no later than `now` unless it waits on a
    /// server or on itself) and the dead row is removed. Throws ``SyncStoreError/jobNotFound(id:)`` or
    /// ``SyncStoreError/jobNotDead(id:state:)``.
    @discardableResult
    func requeue(id: Int64, now: Date) async throws -> EnqueueOutcome

    /// Deletes completed jobs last updated before `before`; returns how many.
    @discardableResult
    func purgeCompleted(before: Date) async throws -> Int
}
