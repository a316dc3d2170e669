import Reliability

/// Everything clerkbridge keeps, in one database: every store protocol, plus what a command needs from the
/// database itself (its name, the reindex lock, wake-ups from other processes, closing it).
///
/// ``SQLiteSyncStore`` (embedded, one machine) and the PostgreSQL store of `SyncStorePostgres` (several `serve`
/// and `worker` processes on one database) implement it; the CLI holds an `any SyncDatabase` chosen from
/// `CLERKBRIDGE_DATABASE_URL`.
public protocol SyncDatabase: CatalogPageCommitter, CrawlCheckpoints, DashboardStore, DeadLetterQueue, JobQueue, WebhookInbox,
    ShopperBaskets, ShopperAttribution, ShopperErasure, SalesLedger, SyncMarkers
{
    /// Where the database is, as an operator reads it (a PostgreSQL password is never shown).
    var location: String { get }

    /// Takes the lock that keeps a second reindex of any of `storefronts` away while this one runs (two would
    /// overwrite each other's seen marks, and one could remove what the other just confirmed). Release it with
    /// ``ReindexLease/release()``; a process that dies releases it too.
    ///
    /// - Throws: ``SyncStoreError/reindexRunning(_:)`` naming what holds it.
    func lockReindex(storefronts: [String], owner: String) async throws -> ReindexLease

    /// Wakes `jobs` when another process stores a job that is due, and `events` when it stores shopper events, as
    /// far as the database can tell (polling still finds everything). Work stored by this process is signalled by
    /// its own callers.
    func wakeOnNewWork(jobs: WorkSignal, events: WorkSignal)

    /// Closes the database's connections; the store is not used afterwards.
    func close() async
}

/// A held reindex lock (see ``SyncDatabase/lockReindex(storefronts:owner:)``).
public struct ReindexLease: Sendable {
    private let releaseLock: @Sendable () async -> Void

    /// A lease that runs `release` once released.
    public init(release: @escaping @Sendable () async -> Void) {
        releaseLock = release
    }

    /// Lets the next reindex of these storefronts start.
    public func release() async {
        await releaseLock()
    }
}
