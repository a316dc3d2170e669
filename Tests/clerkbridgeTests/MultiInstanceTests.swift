import AsyncHTTPClient
import Foundation
import Logging
import PostgresTestSupport
import Sandbox
import SyncEngine
import SyncStore
import Synchronization
import Testing

@testable import clerkbridge

/// Two `serve` processes and a `worker` on one PostgreSQL database, as behind a load balancer: webhooks and events
/// go to both, one `serve` is killed with SIGKILL in the middle of the traffic and not started again. Everything
/// either acknowledged reaches Clerk (what the killed one had claimed moves on when its lease ends), a burst for one
/// product sent to both coalesces, and an order announced to both is one sale.
@Suite(
    "several instances on one PostgreSQL", .serialized,
    .enabled(if: TemporaryPostgres.runs, Comment(rawValue: TemporaryPostgres.installHint)))
struct MultiInstanceTests {
    @Test func twoServesAndAWorkerShareTheWorkAndAKilledOnesWorkMovesOn() async throws {
        let binary = try await ServeProcess.buildBinary()
        var quiet = Logger(label: "sandbox")
        quiet.logLevel = .critical
        let sandbox = try await SandboxServer.start(SandboxConfiguration(productCount: 200), logger: quiet)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("instances-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("config.yaml")
        try SandboxConfigFile(sandbox: sandbox).text.write(to: config, atomically: true, encoding: .utf8)
        let database = try await TemporaryPostgres.shared.database()
        let databaseURL = TemporaryPostgres.url(database)

        // The catalog is in Clerk before the traffic starts, as after an installation's first reindex.
        let runtime = try await Runtime(settings: .sandbox(sandbox, databaseURL: databaseURL))
        _ = try await ReindexCommand.reindex(runtime: runtime, storefront: nil, progress: ProgressReporter(isTerminal: false, interval: 600))
        let main = try #require(try await runtime.targets(only: nil).first { $0.channelID == 1 })
        let http = runtime.http

        let environment = [
            "BIGCOMMERCE_WEBHOOK_SECRET": ServeTraffic.sharedSecret, "CLERKBRIDGE_PORT": "0", "CLERKBRIDGE_LOG_LEVEL": "info",
            "CLERKBRIDGE_EVENTS_RATE_LIMIT": "off", "CLERKBRIDGE_REINDEX_INTERVAL": "off", "CLERKBRIDGE_RECONCILE_INTERVAL": "off",
        ]
        let serveArguments = ["serve", "--config", config.path, "--database-url", databaseURL]
        async let startedFirst = ServeProcess.start(binary: binary, arguments: serveArguments, environment: environment)
        async let startedSecond = ServeProcess.start(binary: binary, arguments: serveArguments, environment: environment)
        let (first, second) = try await (startedFirst, startedSecond)
        let worker = try await ServeProcess.start(
            binary: binary, arguments: ["worker", "--config", config.path, "--database-url", databaseURL],
            environment: environment, readyLine: "Worker started")

        let products = Array(sandbox.store.allProducts().filter { $0.channels.contains(1) && $0.isVisible }.prefix(41))
        try #require(products.count == 41)
        let (hot, others) = (products[0], Array(products.dropFirst()))

        // A burst for one product, sent to both instances at once.
        sandbox.store.updateProduct(id: hot.id) { $0.name = "Hot from both" }
        let burst = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<40 {
                group.addTask {
                    await ServeTraffic.deliver(
                        id: hot.id, storeHash: sandbox.storeHash, to: index.isMultiple(of: 2) ? first.port : second.port, http: http)
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(burst == 40)

        // An order announced to both, after the storefront saw its cart with a visitor.
        try await runtime.store.recordCart("cart-both", visitor: "bothVisitor", storefront: main.name, at: Date())
        let order = try #require(
            sandbox.orderEvents.placeOrder(customerID: 1, items: [SandboxOrderItem(productID: hot.id, quantity: 1)], cartID: "cart-both"))
        #expect(await ServeTraffic.deliver("store/order/created", id: order.id, storeHash: sandbox.storeHash, to: first.port, http: http))
        #expect(await ServeTraffic.deliver("store/order/statusUpdated", id: order.id, storeHash: sandbox.storeHash, to: second.port, http: http))

        // Renames and views to both; the first is killed halfway, holding whatever it had claimed.
        var renamed: [Int: String] = [hot.id: "Hot from both"]
        var events: [(visitor: String, product: Int)] = []
        var alive = [first, second]
        for (round, product) in others.enumerated() {
            if round == others.count / 2 {
                first.kill()
                alive = [second]
            }
            let name = "Shared and killed #\(round)"
            sandbox.store.updateProduct(id: product.id) { $0.name = name }
            let (webhooks, shopper) = (alive[round % alive.count], alive[(round + 1) % alive.count])
            if await ServeTraffic.deliver(id: product.id, storeHash: sandbox.storeHash, to: webhooks.port, http: http) {
                renamed[product.id] = name
            }
            let batch = (0..<8).map { index in (visitor: "m\(round)v\(index)", product: others[(round + index) % others.count].id) }
            if try await ServeTraffic.post(batch, batch: "both-\(round)", to: shopper.port, http: http) { events += batch }
        }
        #expect(renamed.count >= others.count - 1, "acknowledged too little: \(renamed.count) deliveries")
        #expect(events.count >= 8 * (others.count - 2))

        let clerk = sandbox.clerkStorage
        let sales = { clerk.logCalls().filter { $0.endpoint == "log/sale" && $0["sale"]?.stringValue == String(order.id) } }
        let missing = { ServeTraffic.missing(renamed: renamed, views: events, in: clerk, publicKey: main.clerkKeys.publicKey) }
        let arrived = await eventually(seconds: 120) { missing().products.isEmpty && missing().views == 0 && !sales().isEmpty }
        #expect(arrived, "not in Clerk: \(missing()), sales \(sales().count)")
        #expect(sales().count == 1 && sales().first?["visitor"] == "bothVisitor", "\(sales())")

        // The burst ran as a few jobs: deliveries that found the product's job pending joined it, whichever
        // instance stored them.
        let deliveries = try await runtime.store.deliveries(limit: 1_000)
        let hotJobs = Set(deliveries.filter {
            $0.delivery.scope == "store/product/updated" && String(decoding: $0.delivery.body, as: UTF8.self).contains("\"id\":\(hot.id)}")
        }.flatMap(\.jobIDs))
        #expect(!hotJobs.isEmpty && hotJobs.count <= 20, "\(hotJobs.count) jobs for 40 deliveries")

        let views = clerk.logCalls(publicKey: main.clerkKeys.publicKey).filter { $0.endpoint == "log/product" }
        let sentTwice = views.count - Set(views.map { "\($0["visitor"]?.stringValue ?? "")/\($0["product"]?.intValue ?? 0)" }).count
        // At most the calls in flight when the process died: answered by Clerk, not yet marked.
        #expect(sentTwice <= runtime.settings.forwardConcurrency, "\(sentTwice) events reached Clerk twice")
        #expect(try await runtime.store.deadLetters(includeResolved: false).isEmpty)
        #expect(try await runtime.store.jobCounts()[.dead] == 0)
        #expect(try await runtime.store.eventCounts()[.dead] == 0)

        await second.stop()
        await worker.stop()
        await runtime.shutdown()
        await sandbox.shutdown()
        await TemporaryPostgres.shared.drop(database)
    }
}
