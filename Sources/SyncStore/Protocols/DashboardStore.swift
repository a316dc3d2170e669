import Foundation

/// What the operator's dashboard (`GET /admin`, `/admin/api/*`) reads, and the changes only an operator makes.
///
/// Every read is a few indexed aggregate queries, so the overview stays fast with hundreds of thousands of jobs
/// and tens of thousands of dead letters. A backend implements it beside ``JobQueue`` and ``DeadLetterQueue``;
/// the SQLite store is the reference (`SQLiteSyncStore+Dashboard.swift`), and `SyncStoreTests/DashboardStoreTests`
/// says what each method must answer.
///
/// All times are parameters, so callers and tests control the clock.
public protocol DashboardStore: Sendable {
    /// The queue, the event log and the open dead letters, counted in one read. It reads every overview refresh, so
    /// it must stay cheap on a large queue: count what waits, not what is done (completed jobs and forwarded events
    /// are the total less the rest).
    func dashboardCounts() async throws -> DashboardCounts

    /// The documents Clerk holds (pushed and not removed) per storefront and kind. This counts the whole ledger, so
    /// callers keep its answer a while (the overview reads it at most once a minute).
    func heldDocuments() async throws -> [String: [EntityKind: Int]]

    /// What happened per minute from `since` (inclusive) to `until` (exclusive): jobs completed, webhook deliveries
    /// accepted, shopper events accepted and dead-letter failures recorded. Only minutes with something in them are
    /// returned, oldest first.
    func activity(since: Date, until: Date) async throws -> [ActivityMinute]

    /// Up to `limit` letters matching `filter` after skipping `offset`, most recently failed first (ties: newest id
    /// first), with their payloads.
    func deadLetters(matching filter: DeadLetterFilter, limit: Int, offset: Int) async throws -> [DeadLetter]

    /// How many letters match `filter`.
    func countDeadLetters(matching filter: DeadLetterFilter) async throws -> Int

    /// Marks the open letters among `ids` resolved at `at`, in one transaction; returns how many changed (letters
    /// already resolved or missing are left alone).
    @discardableResult
    func resolveDeadLetters(ids: [Int64], at: Date) async throws -> Int

    /// Up to `limit` jobs matching `filter` after skipping `offset`: with a state, in the order of
    /// ``JobQueue/jobs(state:limit:)``; without one, newest first (by id).
    func jobs(matching filter: JobFilter, limit: Int, offset: Int) async throws -> [Job]

    /// Cancels the pending (`available` or `retryable`) job `id`: it becomes `dead` with `reason` as its last error
    /// and a permanent attempt in its history (attempts are not counted), so it can still be requeued.
    ///
    /// Throws ``SyncStoreError/jobNotFound(id:)`` or ``SyncStoreError/jobNotCancellable(id:state:)``.
    func cancelJob(id: Int64, reason: String, now: Date) async throws

    /// Webhook deliveries accepted since `since`, per scope, by scope.
    func webhookActivity(since: Date) async throws -> [WebhookScopeActivity]
}
