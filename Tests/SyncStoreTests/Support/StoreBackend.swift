import Foundation
import Logging
import PostgresTestSupport
import SyncStore
import SyncStorePostgres
import Synchronization
import Testing

/// The store implementations the suites run against: SQLite always, PostgreSQL when it is installed (or required by
/// `CLERKBRIDGE_REQUIRE_POSTGRES=1`, when a missing one fails). Each test gets a store of its own, closed (and, on
/// PostgreSQL, its database dropped) when the test ends — the suite carries ``StoreCleanup``.
enum StoreBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    /// The backends to run: PostgreSQL only when its suites do (see `TemporaryPostgres`).
    static let all: [StoreBackend] = TemporaryPostgres.runs ? [.sqlite, .postgres] : [.sqlite]

    var testDescription: String { rawValue }

    /// A fresh, migrated store.
    func store() async throws -> any SyncDatabase {
        switch self {
        case .sqlite:
            return try SQLiteSyncStore.inMemory()
        case .postgres:
            let location = try await TemporaryPostgres.shared.database()
            let store = try await PostgresSyncStore.open(location, requestTimeout: Self.requestTimeout, logger: Self.logger)
            OpenedStores.current?.add {
                await store.close()
                await TemporaryPostgres.shared.drop(location)
            }
            return store
        }
    }

    /// The PostgreSQL store of a fresh database, and a second store on the same database (another instance).
    func twoInstances() async throws -> (any SyncDatabase, any SyncDatabase) {
        let location = try await TemporaryPostgres.shared.database()
        let first = try await PostgresSyncStore.open(location, requestTimeout: Self.requestTimeout, logger: Self.logger)
        let second = try await PostgresSyncStore.open(location, requestTimeout: Self.requestTimeout, logger: Self.logger)
        OpenedStores.current?.add {
            await first.close()
            await second.close()
            await TemporaryPostgres.shared.drop(location)
        }
        return (first, second)
    }

    /// A request-path bound that a machine busy with other builds and tests does not reach (the 5 s of production
    /// answer 503s, which is not what these tests are about).
    static let requestTimeout: Duration = .seconds(120)

    static let logger: Logger = {
        var logger = Logger(label: "store-tests")
        logger.logLevel = .critical
        return logger
    }()
}

/// What a test opened and closes when it ends.
final class OpenedStores: Sendable {
    @TaskLocal static var current: OpenedStores?

    private let closers = Mutex<[@Sendable () async -> Void]>([])

    func add(_ closer: @escaping @Sendable () async -> Void) {
        closers.withLock { $0.append(closer) }
    }

    func closeAll() async {
        for closer in closers.withLock({ $0 }) { await closer() }
    }
}

/// Closes the stores each test case opened through ``StoreBackend`` once it ends, passed or failed.
struct StoreCleanup: SuiteTrait, TestTrait, TestScoping {
    var isRecursive: Bool { true }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        guard testCase != nil else { return try await function() }
        let opened = OpenedStores()
        do {
            try await OpenedStores.$current.withValue(opened) { try await function() }
        } catch {
            await opened.closeAll()
            throw error
        }
        await opened.closeAll()
    }
}

extension Trait where Self == StoreCleanup {
    /// Closes the stores a test opened when it ends.
    static var closesStores: Self { StoreCleanup() }
}
