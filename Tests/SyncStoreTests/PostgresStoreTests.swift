import Foundation
import Logging
import PostgresTestSupport
import Reliability
import Synchronization
import SyncStore
import SyncStorePostgres
import Testing

/// What only a shared database can show: several instances (each its own store and connection pool) on one
/// PostgreSQL database, migrations racing, wake-ups between processes, the reindex lock, the URL's TLS and password.
@Suite("PostgreSQL store", .closesStores, .enabled(if: TemporaryPostgres.runs, Comment(rawValue: TemporaryPostgres.installHint)))
struct PostgresStoreTests {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    @Test func instancesClaimingAtOnceShareTheWorkAndNeverRunOneKeyTwice() async throws {
        let (a, b) = try await StoreBackend.postgres.twoInstances()
        // 300 enqueues over 100 keys from both instances at once: one pending job per key.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, store) in [a, b, a].enumerated() {
                group.addTask {
                    for entity in 0..<100 {
                        _ = try await store.enqueue(
                            JobKey(kind: .productSync, entity: "\(entity)"), payload: Array("\(index)".utf8), runAt: self.t0,
                            now: self.t0)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await a.jobCounts()[.available] == 100)
        let now = t0
        let claims = try await withThrowingTaskGroup(of: [Job].self) { group in
            for (worker, store) in [a, b, a, b].enumerated() {
                group.addTask {
                    var jobs: [Job] = []
                    while true {
                        let batch = try await store.claim(owner: "w\(worker)", now: now, lease: .seconds(30), limit: 7, kinds: nil)
                        if batch.isEmpty { return jobs }
                        jobs += batch
                    }
                }
            }
            return try await group.reduce(into: [Job]()) { $0 += $1 }
        }
        #expect(claims.count == 100)
        #expect(Set(claims.map(\.key)).count == 100)
        #expect(Set(claims.compactMap(\.leaseOwner)).count > 1, "the work was not shared")
    }

    @Test func aKeyRunningOnOneInstanceWaitsOnTheOtherAndAKilledInstancesJobsMoveAfterTheLease() async throws {
        let (a, b) = try await StoreBackend.postgres.twoInstances()
        let key = JobKey(kind: .productSync, entity: "7")
        let first = try await a.enqueue(key, payload: Array("one".utf8), runAt: t0, now: t0).jobID
        #expect(try await a.claim(owner: "a", now: t0, lease: .seconds(15), limit: 10, kinds: nil).map(\.id) == [first])
        // A change arriving at the other instance during the run waits for it.
        let second = try await b.enqueue(key, payload: Array("two".utf8), runAt: at(1), now: at(1)).jobID
        #expect(try await b.claim(owner: "b", now: at(2), lease: .seconds(15), limit: 10, kinds: nil).isEmpty)
        try await a.renewLeases(ids: [first], owner: "a", until: at(20))
        #expect(try await b.claim(owner: "b", now: at(16), lease: .seconds(15), limit: 10, kinds: nil).isEmpty)
        // `a` dies without a word: once its renewed lease runs out, `b` takes the older job first, then the newer.
        let takenOver = try await b.claim(owner: "b", now: at(20), lease: .seconds(15), limit: 10, kinds: nil)
        #expect(takenOver.map(\.id) == [first])
        try await b.complete(ids: [first], owner: "b", now: at(21))
        try await a.complete(ids: [first], owner: "a", now: at(21))
        #expect(try await b.claim(owner: "b", now: at(21), lease: .seconds(15), limit: 10, kinds: nil).map(\.id) == [second])
        #expect(try await a.job(id: first)?.attempts == 1)
    }

    @Test func aSettlingWorkerFoldsIntoAChangeAnotherInstanceEnqueuedMeanwhile() async throws {
        let (a, b) = try await StoreBackend.postgres.twoInstances()
        let key = JobKey(kind: .productSync, entity: "9")
        for round in 0..<20 {
            let running = try await a.enqueue(key, payload: [], runAt: at(Double(round)), now: at(Double(round))).jobID
            _ = try await a.claim(owner: "a", now: at(Double(round)), lease: .seconds(30), limit: 1, kinds: nil)
            // The failure and a new change for the key race; either way one pending job remains.
            async let failed: JobState = a.fail(id: running, owner: "a", error: "503", retryAt: at(Double(round) + 5), now: at(Double(round)))
            async let enqueued = b.enqueue(key, payload: Array("\(round)".utf8), runAt: at(Double(round)), now: at(Double(round)))
            _ = try await (failed, enqueued)
            let pending = try await a.jobs(state: .retryable, limit: 10) + a.jobs(state: .available, limit: 10)
            #expect(pending.count == 1)
            #expect(pending.first?.payload == Array("\(round)".utf8))
            try await TemporaryPostgres.shared.execute("DELETE FROM jobs", in: try #require(try postgresLocation(a)))
        }
    }

    @Test func oneVisitorsEventsReachTheSenderInOrderAcrossInstances() async throws {
        let (a, b) = try await StoreBackend.postgres.twoInstances()
        let visitors = (0..<12).map { "v\($0)" }
        var events: [ShopperEvent] = []
        for index in 0..<240 {
            events.append(ShopperEvent(
                eventID: "e\(index)", storefront: "main", type: "product_viewed", visitor: visitors[index % visitors.count],
                occurredAt: t0, payload: []))
        }
        _ = try await a.append(Array(events.prefix(120)), now: t0)
        _ = try await b.append(Array(events.suffix(120)), now: t0)
        let sent = Locked<[String: [Int64]]>([:])
        let now = t0
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, store) in [a, b, a, b].enumerated() {
                group.addTask {
                    while true {
                        let batch = try await store.claimEvents(owner: "f\(index)", now: now, lease: .seconds(30), limit: 5)
                        if batch.isEmpty {
                            if try await store.eventCounts()[.pending] == 0 { return }
                            await Task.yield()
                            continue
                        }
                        for event in batch {
                            sent.withLock { $0[event.event.visitor, default: []].append(event.id) }
                            try await store.markForwarded(ids: [event.id], owner: "f\(index)", now: now)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let order = sent.withLock { $0 }
        #expect(order.values.reduce(0) { $0 + $1.count } == 240)
        for (visitor, ids) in order {
            #expect(ids == ids.sorted() && Set(ids).count == ids.count, "\(visitor) was sent out of order: \(ids)")
        }
    }

    @Test func instancesStartingTogetherMigrateOnce() async throws {
        let location = try await TemporaryPostgres.shared.emptyDatabase()
        let stores = try await withThrowingTaskGroup(of: PostgresSyncStore.self) { group in
            for _ in 0..<4 {
                group.addTask { try await PostgresSyncStore.open(location, logger: StoreBackend.logger) }
            }
            return try await group.reduce(into: [PostgresSyncStore]()) { $0.append($1) }
        }
        OpenedStores.current?.add {
            for store in stores { await store.close() }
            await TemporaryPostgres.shared.drop(location)
        }
        for store in stores {
            #expect(try await store.appliedMigrations() == ["pg-1", "pg-2-dashboard", "pg-3-crawl-ranges", "pg-4-delivery-hash"])
        }
        _ = try await stores[0].enqueue(JobKey(kind: .productSync, entity: "1"), payload: [], runAt: t0, now: t0)
        #expect(try await stores[3].jobCounts()[.available] == 1)
    }

    @Test func aDatabaseMigratedByANewerVersionIsRefused() async throws {
        let location = try await TemporaryPostgres.shared.database()
        try await TemporaryPostgres.shared.execute(
            "INSERT INTO schema_migrations (version, applied_order) VALUES ('pg-99', 99)", in: location)
        await #expect(throws: PostgresStoreError.newerSchema(versions: ["pg-99"])) {
            let store = try await PostgresSyncStore.open(location, logger: StoreBackend.logger)
            await store.close()
        }
        await TemporaryPostgres.shared.drop(location)
    }

    @Test func anotherInstancesWorkWakesTheListenerAlsoAfterItsConnectionWasKilled() async throws {
        let (a, b) = try await StoreBackend.postgres.twoInstances()
        let jobs = WorkSignal()
        let events = WorkSignal()
        b.wakeOnNewWork(jobs: jobs, events: events)
        let location = try #require(try postgresLocation(a))
        // Listening, the connection's last statement is a LISTEN.
        #expect(try await eventually { try await listenerBackends(location) == 1 })
        #expect(try await woken(jobs) {
            _ = try await a.enqueue(JobKey(kind: .productSync, entity: "1"), payload: [], runAt: Date(), now: Date())
        })
        #expect(try await woken(events) {
            _ = try await a.append(
                [ShopperEvent(eventID: "x", storefront: "main", type: "product_viewed", visitor: "v", occurredAt: Date(), payload: [])],
                now: Date())
        })
        // A job due later is not announced.
        #expect(try await !woken(jobs, within: 2) {
            _ = try await a.enqueue(JobKey(kind: .productSync, entity: "2"), payload: [], runAt: Date() + 3_600, now: Date())
        })
        try await TemporaryPostgres.shared.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'",
            in: location)
        #expect(try await eventually { try await listenerBackends(location) == 1 })
        #expect(try await woken(jobs) {
            _ = try await a.enqueue(JobKey(kind: .productSync, entity: "3"), payload: [], runAt: Date(), now: Date())
        })
    }

    @Test func oneReindexPerStorefrontAcrossInstances() async throws {
        let (a, b) = try await StoreBackend.postgres.twoInstances()
        let held = try await a.lockReindex(storefronts: ["en", "de"], owner: "worker-a")
        let busy = await #expect(throws: SyncStoreError.self) {
            _ = try await b.lockReindex(storefronts: ["fr", "en"], owner: "worker-b")
        }
        #expect(busy?.description.contains("storefront `en` is being reindexed by worker-a") == true, "\(busy.map { "\($0)" } ?? "")")
        // Refused as a whole: `fr` was not kept.
        let other = try await a.lockReindex(storefronts: ["fr"], owner: "worker-a")
        await other.release()
        await held.release()
        let again = try await b.lockReindex(storefronts: ["en"], owner: "worker-b")
        await again.release()
    }

    @Test func aFailingJobRollsTheDeliveryBack() async throws {
        let store = try await StoreBackend.postgres.store()
        let location = try #require(try postgresLocation(store))
        try await TemporaryPostgres.shared.execute(
            """
            CREATE FUNCTION refuse_job() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.entity = 'refused' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$
            """, in: location)
        try await TemporaryPostgres.shared.execute(
            "CREATE TRIGGER refuse_job BEFORE INSERT ON jobs FOR EACH ROW EXECUTE FUNCTION refuse_job()", in: location)
        let delivery = WebhookDelivery(webhookID: "w1", payloadHash: "h1", scope: "store/product/updated", storeID: "1", body: [1])
        await #expect(throws: PostgresStoreError.self) {
            try await store.accept(
                delivery, jobs: [(JobKey(kind: .productSync, entity: "1"), []), (JobKey(kind: .productSync, entity: "refused"), [])],
                now: t0)
        }
        #expect(try await store.deliveries(limit: 10).isEmpty)
        #expect(try await store.jobCounts().values.reduce(0, +) == 0)
        // The redelivery is accepted as new (the rolled-back attempt used up an id: sequences are not transactional).
        let redelivered = try await store.accept(delivery, jobs: [(JobKey(kind: .productSync, entity: "1"), [])], now: t0)
        #expect(redelivered == .accepted(redelivered.deliveryID))
        #expect(try await store.deliveries(limit: 10).map(\.id) == [redelivered.deliveryID])
        #expect(try await store.jobCounts()[.available] == 1)
    }

    @Test func sslmodeAndPasswordsOverTCPAndThePasswordIsNeverShown() async throws {
        let location = try await TemporaryPostgres.shared.database()
        OpenedStores.current?.add { await TemporaryPostgres.shared.drop(location) }
        let password = "pw-\(UUID().uuidString)"
        try await TemporaryPostgres.shared.execute(
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bridge') THEN CREATE ROLE bridge LOGIN SUPERUSER; END IF; END $$",
            in: location)
        try await TemporaryPostgres.shared.execute("ALTER ROLE bridge PASSWORD '\(password)'", in: location)
        let logs = CapturedLogs()
        let logger = Logger(label: "captured") { _ in logs }

        // The test cluster has no TLS: `prefer` (the default) connects without it, `require` is refused.
        for parameters in [[:], ["sslmode": "prefer"], ["sslmode": "disable"]] {
            let tcp = try await TemporaryPostgres.shared.overTCP(location, user: "bridge", password: password, parameters: parameters)
            let store = try await PostgresSyncStore.open(tcp, logger: logger)
            _ = try await store.jobCounts()
            await store.close()
        }
        let required = try await TemporaryPostgres.shared.overTCP(
            location, user: "bridge", password: password, parameters: ["sslmode": "require"])
        let refused = await #expect(throws: PostgresStoreError.self) {
            _ = try await PostgresSyncStore.open(required, logger: logger)
        }
        #expect(refused?.description.contains("TLS") == true, "\(refused.map { "\($0)" } ?? "")")
        #expect(refused?.description.contains(password) == false)

        let wrong = try await TemporaryPostgres.shared.overTCP(location, user: "bridge", password: password + "-wrong")
        let denied = await #expect(throws: PostgresStoreError.self) {
            _ = try await PostgresSyncStore.open(wrong, logger: logger)
        }
        #expect(denied?.description.contains("password authentication failed") == true, "\(denied.map { "\($0)" } ?? "")")
        #expect(denied?.description.contains(password) == false)
        #expect(wrong.description.contains(password) == false)
        #expect(!logs.text.contains(password))
    }

    /// The PostgreSQL location of `store`'s database.
    func postgresLocation(_ store: any SyncDatabase) throws -> PostgresLocation? {
        guard case .postgres(let location) = try DatabaseLocation.parse(store.location) else { return nil }
        return location
    }

    /// How many sessions of `location`'s database last ran a LISTEN.
    func listenerBackends(_ location: PostgresLocation) async throws -> Int {
        try await TemporaryPostgres.shared.integer(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'", in: location)
    }

    /// Whether `signal` is woken within `seconds` once `action` ran.
    func woken(_ signal: WorkSignal, within seconds: Int = 30, after action: () async throws -> Void) async throws -> Bool {
        // Consume a wake-up left from earlier work first.
        await signal.wait(timeout: .zero)
        let woke = Locked(false)
        let waiter = Task {
            await signal.wait(timeout: .seconds(3_600))
            woke.withLock { $0 = true }
        }
        defer { waiter.cancel() }
        try await action()
        return await eventually(seconds: seconds) { woke.withLock { $0 } }
    }
}

/// Polls `condition` until it holds or `seconds` pass; returns whether it held. Yields between checks.
func eventually(seconds: Int = 30, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        await Task.yield()
    }
    return false
}

/// A value shared by concurrent tasks.
final class Locked<Value: Sendable>: Sendable {
    private let value: Mutex<Value>

    init(_ value: Value) {
        self.value = Mutex(value)
    }

    func withLock<T>(_ body: (inout Value) -> T) -> T {
        value.withLock { body(&$0) }
    }
}

/// Every log line written to it, for tests that look for what must never be logged.
final class CapturedLogs: LogHandler, Sendable {
    private let lines = Mutex<[String]>([])
    var logLevel: Logger.Level {
        get { .trace }
        set {}
    }
    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    func log(event: LogEvent) {
        lines.withLock { $0.append("\(event.message) \(event.metadata ?? [:])") }
    }

    var text: String { lines.withLock { $0.joined(separator: "\n") } }
}
