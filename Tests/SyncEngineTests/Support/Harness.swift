import AsyncHTTPClient
import BigCommerceAPI
import CatalogMapping
import ClerkAPI
import Foundation
import Logging
import Reliability
import Sandbox
import StorefrontRegistry
import SyncEngine
import Synchronization
import SyncStore
import Testing

/// The sandbox on loopback plus the real clients and a fresh store: what every integration test runs on.
final class Harness: Sendable {
    let sandbox: SandboxServer
    let http: HTTPClient
    let bigCommerce: BigCommerceClient
    let clerk: ClerkClient
    let store: SQLiteSyncStore
    let logger: Logger
    let log: CapturedLog
    let retry: RetryPolicy

    private init(sandbox: SandboxServer, store: SQLiteSyncStore, retry: RetryPolicy, governor: RateGovernor) {
        self.sandbox = sandbox
        self.store = store
        self.retry = retry
        let log = CapturedLog()
        self.log = log
        var logger = Logger(label: "test") { _ in CapturingLogHandler(log: log) }
        logger.logLevel = .trace
        self.logger = logger
        // One health for both clients, as in `serve`: the worker judges outages from their answers.
        let health = DependencyHealth()
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(10))
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        bigCommerce = BigCommerceClient(
            credentials: BigCommerceCredentials(storeHash: sandbox.storeHash, accessToken: sandbox.accessToken, apiURL: sandbox.bigCommerceURL),
            httpClient: http, governor: governor, health: health, logger: logger)
        clerk = ClerkClient(baseURL: sandbox.clerkURL, httpClient: http, timeout: .seconds(5), health: health, logger: logger)
    }

    static func start(
        products: Int = 400, quota: Int? = nil, window: Duration = .seconds(30),
        retry: RetryPolicy = RetryPolicy(base: .milliseconds(5), cap: .milliseconds(50), maxAttempts: 8),
        stores: [SandboxClerkStore] = SandboxClerkStore.defaults, shoppers: SandboxShopperSeed? = nil
    ) async throws -> Harness {
        var configuration = SandboxConfiguration(productCount: products, clerkStores: stores)
        configuration.shoppers = shoppers
        if let quota {
            configuration.rateLimitQuota = quota
            configuration.rateLimitWindow = window
        }
        var quiet = Logger(label: "sandbox")
        quiet.logLevel = .critical
        let sandbox = try await SandboxServer.start(configuration, logger: quiet)
        return Harness(sandbox: sandbox, store: try SQLiteSyncStore.inMemory(), retry: retry, governor: RateGovernor())
    }

    var reader: CatalogReader { CatalogReader(client: bigCommerce, retry: retry, logger: logger) }
    var writer: ClerkWriter { ClerkWriter(clerk: clerk, retry: retry, logger: logger) }
    var reindexer: Reindexer { Reindexer(reader: reader, writer: writer, store: store, logger: logger) }

    /// The sandbox's Clerk stores as storefronts, with defaults discovered from the sandbox store.
    func targets() async throws -> [ResolvedStorefront] {
        let declared = sandbox.clerkStores.map {
            DeclaredStorefront(name: $0.name, channelID: $0.channelID, currency: $0.currency, locale: $0.locale,
                               clerkKeys: ClerkStoreKeys(publicKey: $0.publicKey, privateKey: $0.privateKey))
        }
        // Retried like the commands do, for the tests that inject server errors.
        return try await retry.run { try await StorefrontDiscovery(client: self.bigCommerce).resolve(declared) }
    }

    /// Every difference between what the Clerk sandbox holds and what mapping.md says it must.
    func differences(_ targets: [ResolvedStorefront]) -> [String] {
        let expected = ExpectedCatalog(store: sandbox.store)
        var found: [String] = []
        for target in targets {
            let key = target.clerkKeys.publicKey
            for (entity, want, have) in [
                ("product", expected.products(for: target.storefront), sandbox.clerkStorage.products(publicKey: key)),
                ("category", expected.categories(for: target.storefront), sandbox.clerkStorage.categories(publicKey: key)),
            ] {
                for id in Set(want.keys).union(have.keys).sorted() {
                    switch (want[id], have[id]) {
                    case (.some, nil): found.append("\(target.name) \(entity) \(id) missing")
                    case (nil, .some): found.append("\(target.name) \(entity) \(id) unexpected")
                    case (let want?, let have?):
                        guard let document = try? ClerkDocument(json: have) else {
                            found.append("\(target.name) \(entity) \(id) unreadable")
                            continue
                        }
                        let fields = document.differingAttributes(from: want)
                        if !fields.isEmpty { found.append("\(target.name) \(entity) \(id) differs in \(fields)") }
                    case (nil, nil): break
                    }
                }
            }
        }
        return found
    }

    func shutdown() async {
        try? await http.shutdown()
        await sandbox.shutdown()
    }
}

/// Log lines a test captured, to check what was (and was not) logged.
final class CapturedLog: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

struct CapturingLogHandler: LogHandler {
    let log: CapturedLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = (event.metadata ?? [:]).merging(metadata) { a, _ in a }.map { "\($0.key)=\($0.value)" }.sorted()
        log.append("\(event.level) \(event.message) \(fields.joined(separator: " "))")
    }
}

extension Harness {
    /// A delta sync over the sandbox for `targets`.
    func deltaSync(_ targets: [ResolvedStorefront]) -> DeltaSync {
        DeltaSync(reader: reader, writer: writer, store: store, targets: targets, logger: logger)
    }

    /// A worker with test timings (millisecond backoff, no schedules unless asked).
    func worker(
        _ targets: [ResolvedStorefront], owner: String = "test-worker", lease: Duration = .seconds(30),
        maxAttempts: Int = 10, reconcile: Duration? = nil, reindex: Duration? = nil, outageGrace: Duration = .seconds(86_400),
        backoff: RetryPolicy = RetryPolicy(base: .milliseconds(1), cap: .milliseconds(5))
    ) -> DeltaWorker {
        let configuration = WorkerConfiguration(
            owner: owner, lease: lease, batchSize: 100, maxAttempts: maxAttempts,
            backoff: backoff, pollInterval: .milliseconds(20),
            reconcileInterval: reconcile, reindexInterval: reindex, sweepOverlap: .seconds(5), firstSweepLookBack: .seconds(600),
            outageGrace: outageGrace)
        let reindexer = self.reindexer
        return DeltaWorker(
            sync: deltaSync(targets), store: store, configuration: configuration, signal: WorkSignal(),
            reindex: { scope in
                switch scope {
                case .all: try await reindexer.run(targets)
                case .storefront(let name): try await reindexer.run(targets.filter { $0.name == name })
                }
            },
            logger: logger)
    }

    /// Stores a delivery the way the receiver does (the payload planned into jobs, in one transaction).
    @discardableResult
    func deliver(_ scope: String, _ data: String, hash: String? = nil, createdAt: Int = 1_700_000_000) async throws -> DeliveryOutcome {
        let hash = hash ?? UUID().uuidString
        let body = Array(#"{"scope":"\#(scope)","store_id":"1001","data":\#(data),"hash":"\#(hash)","created_at":\#(createdAt),"producer":"stores/\#(sandbox.storeHash)"}"#.utf8)
        let payload = try WebhookPayload.decode(body)
        return try await store.accept(
            WebhookDelivery(webhookID: nil, payloadHash: "\(hash)@\(createdAt)", scope: scope, storeID: "1001", body: body),
            jobs: WebhookJobPlanner.jobs(for: payload), now: Date())
    }

    /// Runs `worker` until the queue has nothing due or running (or the deadline passes).
    func drain(_ worker: DeltaWorker, timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let ran = try await worker.runOnce()
            let counts = try await store.jobCounts()
            if ran == 0, counts[.running] == 0, counts[.available] == 0 {
                let due = try await store.oldestPendingRunAt().map { $0 <= Date() } ?? false
                if !due, counts[.retryable] == 0 { return }
            }
            await Task.yield()
        }
        Issue.record("the queue did not drain within \(timeout)")
    }
}
