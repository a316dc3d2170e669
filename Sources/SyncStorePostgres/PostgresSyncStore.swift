import Foundation
import Logging
import PostgresNIO
import Reliability
import ServiceLifecycle
import SyncStore
import Synchronization

/// The sync store on PostgreSQL: any number of `serve` and `worker` processes, on any number of machines, share one
/// database — its job queue, event log, ledger, mirror and everything else of ``SyncDatabase``.
///
/// - Connections come from one pooled `PostgresClient` per process (``PostgresLocation/poolSize``), run under
///   swift-service-lifecycle beside the listener for wake-ups, until ``close()``.
/// - The schema is versioned (`PostgresMigrations`) and migrated at ``open(_:applicationName:logger:)`` under an
///   advisory lock, so instances starting together migrate once.
/// - Queue claims lock rows with `FOR UPDATE SKIP LOCKED`, coalescing rests on a unique partial index (one pending
///   job per key across all instances), and a key runs on one worker at a time. Leases are short and renewed by
///   the worker that holds them, so a killed process's work moves within one lease.
/// - A transaction that meets a serialization failure or a deadlock runs again (a few times, jittered).
/// - Times are `double precision` seconds since 1970 and blobs `bytea`, so every value round-trips exactly.
public final class PostgresSyncStore: SyncDatabase, Sendable {
    /// How long a webhook or event acceptance waits for the database, unless `open` is told otherwise.
    public static let defaultRequestTimeout: Duration = .seconds(5)

    /// How long a webhook or event acceptance waits for the database before the caller is told to retry (503).
    public let requestTimeout: Duration

    let client: PostgresClient
    let logger: Logger
    let postgres: PostgresLocation
    let listener: PostgresNotificationListener
    let announcer: PostgresWorkAnnouncer
    /// The webhook inbox's writes, committed in groups under a burst.
    let inbox: GroupCommit<ArrivingDelivery, DeliveryOutcome>
    private let services: ServiceGroup
    private let running: Task<Void, Never>

    /// The database, password redacted.
    public var location: String { postgres.description }

    private init(client: PostgresClient, postgres: PostgresLocation, requestTimeout: Duration, logger: Logger) {
        self.client = client
        self.requestTimeout = requestTimeout
        self.postgres = postgres
        self.logger = logger
        let listener = PostgresNotificationListener(client: client, logger: logger)
        self.listener = listener
        self.announcer = PostgresWorkAnnouncer(client: client, logger: logger)
        inbox = GroupCommit(writers: Self.inboxWriters) { batch in
            try await Self.store(batch, client: client, logger: logger)
        }
        // The client first: a service group stops its services in reverse order, so the pool closes last.
        let services = ServiceGroup(configuration: .init(services: [client, listener], logger: logger))
        self.services = services
        running = Task {
            do {
                try await services.run()
            } catch {
                logger.error("The PostgreSQL connection pool stopped", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Connects to the database at `location`, migrates it (under an advisory lock, so that instances starting
    /// together migrate once), and starts the connection pool.
    ///
    /// - Parameters:
    ///   - applicationName: how the connections show in `pg_stat_activity` (unless the URL says).
    ///   - requestTimeout: how long an acceptance on a request's path waits for the database (tests on a loaded
    ///     machine give more).
    /// - Throws: ``PostgresStoreError`` naming the database (never its password) when it cannot be reached, refuses
    ///   the login, or was migrated by a newer clerkbridge.
    public static func open(
        _ location: PostgresLocation, applicationName: String = "clerkbridge", requestTimeout: Duration = defaultRequestTimeout,
        logger: Logger
    ) async throws
        -> PostgresSyncStore
    {
        // One connection first: it fails within the connect timeout, where the pool would retry for a minute.
        let configuration = try location.connectionConfiguration(applicationName: applicationName)
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw PostgresStoreError.unavailable("cannot connect to \(location.description): \(Self.reason(error))")
        }
        do {
            try await PostgresMigrations.migrate(connection, logger: logger)
            try await connection.close()
        } catch {
            try? await connection.close()
            throw PostgresStoreError.translate(error)
        }
        let client = PostgresClient(
            configuration: try location.clientConfiguration(applicationName: applicationName), backgroundLogger: logger)
        return PostgresSyncStore(client: client, postgres: location, requestTimeout: requestTimeout, logger: logger)
    }

    /// The schema versions applied, in order.
    public func appliedMigrations() async throws -> [String] {
        try await read("SELECT version FROM schema_migrations ORDER BY applied_order").map { try $0.decode(String.self) }
    }

    /// Stops the listener, then closes the pool's connections.
    public func close() async {
        await services.triggerGracefulShutdown()
        await running.value
    }

    /// Wakes the signals whenever another process commits due jobs or events (LISTEN/NOTIFY).
    public func wakeOnNewWork(jobs: WorkSignal, events: WorkSignal) {
        listener.subscribe(jobs: jobs, events: events)
    }

    // MARK: Running statements

    /// The rows of `query`, read to the end (an error raised while the server runs it arrives with the rows).
    func read(_ query: PostgresQuery) async throws -> [PostgresRow] {
        do {
            return try await client.query(query, logger: logger).collect()
        } catch {
            throw PostgresStoreError.translate(error)
        }
    }

    /// Runs `body` in one transaction and returns its result. A serialization failure, a deadlock or a lock timeout
    /// (and, with `retryingConflicts`, a unique violation: a concurrent insert the body did not see) runs it again,
    /// up to five times in all.
    func write<T: Sendable>(
        retryingConflicts: Bool = false, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await Self.write(client: client, logger: logger, retryingConflicts: retryingConflicts, body)
    }

    /// ``write(retryingConflicts:_:)`` on `client`.
    static func write<T: Sendable>(
        client: PostgresClient, logger: Logger, retryingConflicts: Bool = false, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await client.withTransaction(logger: logger) { connection in
                    try await body(connection)
                }
            } catch {
                let state = PostgresStoreError.sqlState(of: error)
                let retried = PostgresStoreError.transientCodes.union(retryingConflicts ? ["23505"] : [])
                guard attempt < 5, let state, retried.contains(state) else { throw PostgresStoreError.translate(error) }
                attempt += 1
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...(5 << attempt))))
            }
        }
    }

    /// Runs `body`, answering ``PostgresStoreError/timedOut(operation:seconds:)`` when the database takes longer
    /// than ``requestTimeout`` (a pool that cannot connect would otherwise keep a webhook waiting for a minute).
    ///
    /// A statement waiting on a lock does not stop when its task is cancelled, so `body` runs in a task of its own
    /// that the caller does not wait for: it may still commit after the timeout, which is harmless because every
    /// acceptance is idempotent (a redelivered webhook or event is recognised by its id).
    func bounded<T: Sendable>(_ operation: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let timeout = requestTimeout
        let outcome = BoundedOutcome<T>()
        return try await withCheckedThrowingContinuation { continuation in
            outcome.start(continuation)
            let timer = Task {
                try? await Task.sleep(for: timeout)
                outcome.finish(.failure(PostgresStoreError.timedOut(operation: operation, seconds: Int(timeout.components.seconds))))
            }
            Task {
                do {
                    outcome.finish(.success(try await body()))
                } catch {
                    outcome.finish(.failure(error))
                }
                timer.cancel()
            }
        }
    }

    /// What stopped a connection, without the configuration (which holds the password).
    static func reason(_ error: any Error) -> String {
        switch PostgresStoreError.translate(error) {
        case let error as PostgresStoreError:
            if case .unavailable(let reason) = error { return reason }
            return error.description
        case let error:
            return String(describing: error)
        }
    }
}

/// The first of a bounded call's result and its timeout, handed to the waiting caller once.
private final class BoundedOutcome<T: Sendable>: Sendable {
    private let continuation = Mutex<CheckedContinuation<T, any Error>?>(nil)

    func start(_ waiting: CheckedContinuation<T, any Error>) {
        continuation.withLock { $0 = waiting }
    }

    func finish(_ result: Result<T, any Error>) {
        continuation.withLock { waiting in
            waiting?.resume(with: result)
            waiting = nil
        }
    }
}

extension PostgresConnection {
    /// Runs `query` and reads its rows to the end, so an error raised while it runs is thrown here.
    @discardableResult
    func rows(_ query: PostgresQuery, _ logger: Logger) async throws -> [PostgresRow] {
        try await self.query(query, logger: logger).collect()
    }

    /// Runs `query` and returns how many rows it changed.
    @discardableResult
    func changes(_ query: PostgresQuery, _ logger: Logger) async throws -> Int {
        let result: PostgresQueryResult = try await self.query(query, logger: logger).get()
        return result.metadata.rows ?? 0
    }

    /// Takes the transaction's advisory locks of `keys`, in one order for everyone (no deadlock between two
    /// transactions that share keys); they are released when the transaction ends.
    func lockKeys(_ keys: some Sequence<String>, _ logger: Logger) async throws {
        let sorted = Array(Set(keys)).sorted()
        guard !sorted.isEmpty else { return }
        try await rows(
            """
            SELECT pg_advisory_xact_lock(hashtextextended(k, 0))
            FROM (SELECT k FROM unnest(\(sorted)::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n OFFSET 0) AS ordered
            """, logger)
    }
}

extension Date {
    /// Seconds since 1970, as every time column holds them.
    var seconds: Double { timeIntervalSince1970 }

    /// The date of a time column.
    init(seconds: Double) {
        self.init(timeIntervalSince1970: seconds)
    }
}
