import Foundation
import GRDB
import Reliability

/// The embedded sync store: one SQLite database (WAL mode) holding the catalog ledger and mirror, crawl
/// checkpoints, dead letters, the job queue and the webhook inbox.
///
/// Every batch method does its whole batch in one write transaction; statements by id go in chunks of at most
/// ``readChunkSize`` ids. The reindex's hot path (ledger reads and writes, mirror writes) binds cached prepared
/// statements. The reindex should prefer ``commitPage(storefront:entity:run:seen:pushed:mirrored:at:)`` (one
/// transaction per crawled page).
public final class SQLiteSyncStore: SyncDatabase, Sendable {
    /// The largest number of ids bound in one `id IN (…)` statement.
    public static let readChunkSize = 500

    /// The database connection(s): a `DatabasePool` for files, a `DatabaseQueue` in memory.
    let writer: any DatabaseWriter
    /// The webhook inbox's writes, committed in groups under a burst.
    let inbox: GroupCommit<ArrivingDelivery, DeliveryOutcome>

    /// The database file, or nil for an in-memory store.
    public let path: String?

    /// Opens (creating it when missing) the database file at `path` in WAL mode and migrates it.
    ///
    /// Throws ``SyncStoreError`` naming `path` when the file cannot be created or opened, is not an
    /// SQLite database, or is not writable.
    public init(path: String) throws {
        self.path = path
        self.writer = try Self.openPool(path: path)
        self.inbox = Self.inbox(writer: writer)
    }

    private init(inMemoryWriter: any DatabaseWriter) {
        self.path = nil
        self.writer = inMemoryWriter
        self.inbox = Self.inbox(writer: inMemoryWriter)
    }

    /// A fresh, migrated in-memory store (tests, demos). Its content disappears with it.
    public static func inMemory() throws -> SQLiteSyncStore {
        let queue = try DatabaseQueue(configuration: configuration(label: "clerkbridge.syncstore.memory"))
        try SQLiteMigrations.migrator.migrate(queue)
        return SQLiteSyncStore(inMemoryWriter: queue)
    }

    /// Opens the store at `location` (see ``DatabaseLocation/parse(_:)``).
    ///
    /// Throws ``SyncStoreError/notSQLite(location:)`` for PostgreSQL locations.
    public static func open(_ location: DatabaseLocation) throws -> SQLiteSyncStore {
        switch location {
        case .sqliteFile(let path): try SQLiteSyncStore(path: path)
        case .sqliteInMemory: try inMemory()
        case .postgres(let postgres): throw SyncStoreError.notSQLite(location: postgres.description)
        }
    }

    /// `sqlite:PATH`, or `sqlite::memory:`.
    public var location: String {
        path.map { "sqlite:\($0)" } ?? DatabaseLocation.sqliteInMemory.description
    }

    /// Nothing to wake: other processes sharing the file are found by polling (SQLite has no notifications).
    public func wakeOnNewWork(jobs: WorkSignal, events: WorkSignal) {}

    /// Nothing to close: GRDB closes the connections when the store is released.
    public func close() async {}

    /// The names of the migrations applied to the database, in order.
    public func appliedMigrations() async throws -> [String] {
        try await writer.read { db in
            try SQLiteMigrations.migrator.appliedMigrations(db)
        }
    }

    private static func configuration(label: String) -> Configuration {
        var configuration = Configuration()
        configuration.label = label
        // Several processes (serve, worker, CLI) may share a file: wait for the writer instead of failing.
        configuration.busyMode = .timeout(10)
        return configuration
    }

    private static func openPool(path: String) throws -> DatabasePool {
        let fileManager = FileManager.default
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SyncStoreError.cannotOpen(path: path, reason: "the directory '\(parent)' does not exist")
        }
        if fileManager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw SyncStoreError.cannotOpen(path: path, reason: "it is a directory, not a database file")
        }
        do {
            let pool = try DatabasePool(path: path, configuration: configuration(label: "clerkbridge.syncstore"))
            try SQLiteMigrations.migrator.migrate(pool)
            // A webhook or event acknowledged must survive a power loss, not only a crash of this process:
            // GRDB's WAL default (NORMAL) may lose the last commits then. The writer connection is the only one
            // that commits, so setting it there covers every write.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try pool.write { db in
                // Rewriting the (unused) user version is a real write: it fails on a read-only file.
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                try db.execute(sql: "PRAGMA user_version = \(version)")
            }
            return pool
        } catch let error as DatabaseError {
            throw openError(error, path: path)
        }
    }

    private static func openError(_ error: DatabaseError, path: String) -> SyncStoreError {
        let message = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return .notADatabase(path: path)
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            return .notWritable(path: path, reason: "\(message) (check the permissions of the file and of its directory)")
        case .SQLITE_CANTOPEN:
            return .cannotOpen(path: path, reason: "\(message) (check that the file and its directory are writable)")
        default:
            return .cannotOpen(path: path, reason: message)
        }
    }
}
