import ArgumentParser
import AsyncHTTPClient
import BigCommerceAPI
import ClerkAPI
import Dashboard
import Foundation
import Hummingbird
import Logging
import Server
import StorefrontRegistry
import SyncEngine
import SyncStore
import Synchronization

extension BenchmarkCommand {
    /// Fills an SQLite database with a large queue and many dead letters, serves the dashboard over it on loopback
    /// (the routes `serve` answers `/admin` with), and reports how fast `GET /admin/api/overview` answers.
    struct AdminLoad: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "admin",
            abstract: "Seed a database with jobs, dead letters, documents, events and deliveries, then time GET /admin/api/overview (and the pages) over HTTP.",
            discussion: "The database is seeded only when it holds no job, so later runs measure the same data.")

        @Option(help: "The SQLite database file (created and seeded when it holds no job).") var database = "admin-benchmark.sqlite"
        @Option(help: "Jobs to seed.") var jobs = 100_000
        @Option(help: "Dead letters to seed.") var deadLetters = 10_000
        @Option(help: "Product documents Clerk holds per storefront.") var documents = 100_000
        @Option(help: "Shopper events to seed.") var events = 50_000
        @Option(help: "Webhook deliveries to seed.") var deliveries = 5_000
        @Option(help: "Requests measured per route.") var requests = 1_000
        @Option(help: "Requests in flight.") var concurrency = 1

        static let storefronts = ["main-usd", "outlet-eur", "outlet-gbp"]
        static let token = "benchmark-admin-token-0000"

        func run() async throws {
            let store = try SQLiteSyncStore(path: database)
            if try await store.jobCounts().values.reduce(0, +) == 0 {
                let started = ContinuousClock.now
                try await seed(store)
                print("seeded \(database) in \(String(format: "%.1f", (ContinuousClock.now - started).timeInterval)) s")
            }
            let counts = try await store.dashboardCounts()
            print("database: \(counts.jobs.values.reduce(0, +)) jobs (\(counts.jobs.map { "\($0.key.rawValue) \($0.value)" }.sorted().joined(separator: ", "))), "
                + "\(counts.openDeadLetters.values.reduce(0, +)) open dead letters, "
                + "\(try await store.heldDocuments().values.flatMap(\.values).reduce(0, +)) documents held, "
                + "\(counts.events.values.reduce(0, +)) events")

            var quiet = Logger(label: "benchmark")
            quiet.logLevel = .critical
            let registry = StorefrontRegistry(declared: Self.storefronts.map {
                DeclaredStorefront(name: $0, clerkKeys: ClerkStoreKeys(publicKey: "pub-\($0)", privateKey: "benchmark-private-\($0)"))
            })
            let readiness = StoreReadiness(queue: store, expectWorkers: false)
            let mask = SecretMask(secrets: [Self.token])
            let admin = AdminRoutes(
                access: AdminAccess(adminToken: Self.token),
                overview: OverviewReader(store: store, storefronts: registry, health: nil, readiness: { await readiness.problems() }),
                letters: DeadLetterDesk(store: store, replay: { _ in [] }, mask: mask), jobs: JobDesk(store: store, signal: nil, mask: mask),
                webhooks: WebhookStatusReader(subscriptions: nil, store: store, storefronts: registry, destination: "", mask: mask),
                storefronts: registry, store: store, pages: DashboardPages())
            let router = ServerRoutes.router(
                receiver: WebhookReceiver(
                    authenticator: WebhookAuthenticator(sharedSecret: "benchmark-webhook-secret", clientSecret: nil), inbox: store,
                    storeHash: "benchmark", signal: nil, logger: quiet),
                readiness: readiness, storefronts: registry, admin: admin)
            let (ports, continuation) = AsyncStream<Int>.makeStream()
            let app = Application(
                router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "clerkbridge"),
                onServerRunning: { channel in
                    continuation.yield(channel.localAddress?.port ?? 0)
                    continuation.finish()
                }, logger: quiet)
            let server = Task { try await app.runService() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw ValidationError("the dashboard did not start") }
            let client = BenchmarkCommand.loadClient(connections: max(concurrency, 4))
            let routes = [
                "/admin/api/overview", "/admin/api/dead-letters?limit=100", "/admin/api/jobs?state=retryable&limit=100", "/admin",
            ]
            var failed = false
            for route in routes {
                let summary = try await measure("http://127.0.0.1:\(port)\(route)", client: client)
                print("GET \(route): \(summary)")
                failed = failed || summary.failures > 0
            }
            try await client.shutdown()
            server.cancel()
            _ = try? await server.value
            if failed { throw ExitCode(1) }
        }

        /// Warms `url` up, then asks it `requests` times with `concurrency` in flight.
        private func measure(_ url: String, client: HTTPClient) async throws -> LatencyRecorder.Summary {
            let ask: @Sendable () async -> (Duration, Bool) = {
                var request = HTTPClientRequest(url: url)
                request.headers.add(name: "Authorization", value: "Bearer \(Self.token)")
                let started = ContinuousClock.now
                do {
                    let response = try await client.execute(request, timeout: .seconds(30))
                    _ = try await response.body.collect(upTo: 1 << 24)
                    return (ContinuousClock.now - started, response.status.code == 200)
                } catch {
                    return (ContinuousClock.now - started, false)
                }
            }
            for _ in 0..<min(50, requests) { _ = await ask() }
            let recorder = LatencyRecorder()
            let remaining = Countdown(requests)
            let started = ContinuousClock.now
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<max(1, concurrency) {
                    group.addTask {
                        while remaining.take() {
                            let (latency, ok) = await ask()
                            recorder.record(latency, ok: ok)
                        }
                    }
                }
            }
            return recorder.summary(elapsed: ContinuousClock.now - started)
        }

        /// A day of a busy store: jobs in every state (mostly completed, some waiting, running, retrying and dead),
        /// dead letters of every kind, the documents Clerk holds, forwarded and waiting events, webhook deliveries.
        private func seed(_ store: SQLiteSyncStore) async throws {
            let now = Date()
            let kinds: [JobKind] = [.productSync, .productSync, .productSync, .priceRecordSync, .orderSync, .catalogRefresh]
            let batch = 5_000
            var made = 0
            while made < jobs {
                let size = min(batch, jobs - made)
                let at = now.addingTimeInterval(-Double(jobs - made) * 0.8)
                let keys = (0..<size).map { offset -> (JobKey, [UInt8]) in
                    let n = made + offset
                    let kind = kinds[n % kinds.count]
                    return (JobKey(kind: kind, storefront: kind == .catalogRefresh ? Self.storefronts[(n / 6) % 3] : "", entity: "\(n)"),
                            Array("store/product/updated".utf8))
                }
                _ = try await store.enqueue(keys, runAt: at, now: at)
                made += size
            }
            // 85 % completed, 8 % waiting, 1 % running, 3 % retrying, 3 % dead.
            let completed = jobs * 85 / 100
            var done = 0
            while done < completed {
                let claimed = try await store.claim(owner: "seed", now: now, lease: .seconds(600), limit: min(batch, completed - done), kinds: nil)
                guard !claimed.isEmpty else { break }
                try await store.complete(ids: claimed.map(\.id), owner: "seed", now: now.addingTimeInterval(-Double.random(in: 0...3_600)))
                done += claimed.count
            }
            _ = try await store.claim(owner: "busy", now: now, lease: .seconds(3_600), limit: jobs / 100, kinds: nil)
            let failing = try await store.claim(owner: "seed", now: now, lease: .seconds(600), limit: jobs * 6 / 100, kinds: nil)
            for (index, job) in failing.enumerated() {
                let dead = index % 2 == 0
                try await store.fail(
                    id: job.id, owner: "seed", error: "Clerk: HTTP 503 Service Unavailable",
                    retryAt: dead ? nil : now.addingTimeInterval(Double(index % 300)), now: now.addingTimeInterval(-Double(index)))
            }
            let letterKinds = ["product_push", "product_delete", "category_push", "event", "order.sync", "product.sync"]
            for index in 0..<deadLetters {
                try await store.addDeadLetter(DeadLetterDraft(
                    storefront: index % 7 == 0 ? nil : Self.storefronts[index % 3], kind: letterKinds[index % letterKinds.count],
                    entityID: "\(100_000 + index)",
                    requestPayload: Array(#"{"key":"pub","private_key":"***","products":[{"id":\#(100_000 + index),"price":"x"}]}"#.utf8),
                    responseStatus: 200, responseBody: Array(#"{"status":"error","type":"ParsingError","message":"bad price"}"#.utf8),
                    error: "Clerk: ParsingError: products[0].price: expected a number"), at: now.addingTimeInterval(-Double(index) * 8))
            }
            for storefront in Self.storefronts {
                var id = 1
                while id <= documents {
                    let page = (id..<min(id + batch, documents + 1)).map { StoredDocument(id: $0, contentHash: "h\($0)", json: []) }
                    try await store.recordPushed(storefront: storefront, entity: .product, documents: page, at: now)
                    id += batch
                }
            }
            var appended = 0
            while appended < events {
                let size = min(1_000, events - appended)
                let at = now.addingTimeInterval(-Double(events - appended) * 0.1)
                let batchEvents = (0..<size).map {
                    ShopperEvent(
                        eventID: "seed-\(appended + $0)", storefront: Self.storefronts[(appended + $0) % 3], type: "product_viewed",
                        visitor: "v\($0 % 500)", occurredAt: at, payload: Array("{}".utf8))
                }
                _ = try await store.append(batchEvents, now: at)
                if appended + size < events * 98 / 100 {
                    let taken = try await store.claimEvents(owner: "seed", now: at, lease: .seconds(60), limit: size)
                    try await store.markForwarded(ids: taken.map(\.id), owner: "seed", now: at)
                }
                appended += size
            }
            for index in 0..<deliveries {
                _ = try await store.accept(
                    WebhookDelivery(webhookID: "seed-\(index)", payloadHash: nil, scope: "store/product/updated", storeID: "1", body: []),
                    jobs: [], now: now.addingTimeInterval(-Double(deliveries - index) * 2))
            }
        }
    }
}

/// Requests left to send, shared by the senders.
private final class Countdown: Sendable {
    private let left: Atomic<Int>

    init(_ count: Int) { left = Atomic(count) }

    /// Whether one more may be sent (counting it).
    func take() -> Bool { left.subtract(1, ordering: .relaxed).oldValue > 0 }
}
