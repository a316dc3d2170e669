import AsyncHTTPClient
import BigCommerceAPI
import Foundation
import Logging
import Reliability
import Sandbox
import ServiceLifecycle
import SyncEngine
import SyncStore
import Testing

@testable import clerkbridge

/// `serve` with its worker on loopback, fed by the sandbox's signed-off webhook deliveries.
@Suite("serve against the sandbox", .serialized)
struct ServeIntegrationTests {
    @Test func deliveriesWithDuplicatesAndReorderingReachClerkAndStatusTellsIt() async throws {
        var configuration = SandboxConfiguration(productCount: 150)
        configuration.allowInsecureWebhookDestinations = true
        var quiet = Logger(label: "sandbox")
        quiet.logLevel = .critical
        let sandbox = try await SandboxServer.start(configuration, logger: quiet)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("serve-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let databaseURL = "sqlite:\(directory.appendingPathComponent("db.sqlite").path)"
        let runtime = try await Runtime(settings: .sandbox(sandbox, databaseURL: databaseURL), retry: BackgroundWork.inJobRetry)
        let targets = try await runtime.targets(only: nil)
        _ = try await ReindexCommand.reindex(runtime: runtime, storefront: nil, progress: ProgressReporter(isTerminal: false, interval: 60))
        sandbox.webhooks.configure {
            $0.duplicateRate = 0.5
            $0.reorderWindow = 8
        }
        let pipeline = try await LivePipeline.start(
            sandbox: sandbox, runtime: runtime, targets: targets,
            workerConfiguration: WorkerConfiguration(pollInterval: .milliseconds(50), reconcileInterval: nil, reindexInterval: nil),
            sharedSecret: "test-shared-secret")
        #expect(pipeline.registered.allSatisfy { $0.action == .created })

        let products = Array(sandbox.store.allProducts().filter { $0.channels.contains(1) && $0.inventoryTracking != "none" }.prefix(12))
        for (index, product) in products.enumerated() {
            switch index % 4 {
            case 0: sandbox.catalogEvents.setPrice(productID: product.id, price: product.price + 3)
            case 1: sandbox.catalogEvents.setStock(productID: product.id, level: 0)
            case 2: sandbox.catalogEvents.deleteProduct(id: product.id)
            default: sandbox.catalogEvents.unassignProduct(product.id, fromChannel: 1)
            }
        }
        let idle = await sandbox.webhooks.waitUntilIdle(timeout: .seconds(60))
        #expect(idle)
        let converged = try await eventually { () async throws -> Bool in
            let counts = try await runtime.store.jobCounts()
            guard (counts[.available] ?? 0) + (counts[.running] ?? 0) + (counts[.retryable] ?? 0) == 0 else { return false }
            return try await VerifyCommand.verify(runtime: runtime, storefront: nil).ok
        }
        if !converged {
            let report = try await VerifyCommand.verify(runtime: runtime, storefront: nil)
            Issue.record("not converged: \(try await runtime.store.jobCounts()) \(report.storefronts.map { "\($0.name): \($0.differences.prefix(5))" })")
        }
        let counters = sandbox.webhooks.counters
        #expect(counters.failedAttempts == 0 && counters.duplicatesSent > 0)
        let deliveries = try await runtime.store.deliveries(limit: 1_000)
        #expect(deliveries.count == counters.eventsEmitted, "duplicates are not stored twice")

        // Registering again changes nothing.
        let again = try await WebhookRegistrar(client: runtime.bigCommerce).register(
            scopes: pipeline.registered.map(\.scope), destination: pipeline.destination,
            headers: ["X-Clerkbridge-Webhook-Secret": "test-shared-secret"])
        #expect(again.allSatisfy { $0.action == .unchanged })

        await pipeline.shutdown()
        let status = try await StatusReport.read(from: runtime.store, now: Date())
        #expect(status.queue["completed"]! > 0 && status.queue["dead"] == 0)
        #expect(status.workers.count == 1 && status.workers[0].stopped && status.lastWebhookAt != nil)
        #expect(status.text.contains("workers: none reported"))
        #expect(status.lastRuns["reindex"]?.ok == true)
        #expect(status.text.contains("dead letters: none"))
        await runtime.shutdown()
        await sandbox.shutdown()
    }

    @Test func aDeactivatedHookIsSwitchedBackOn() async throws {
        var configuration = SandboxConfiguration(productCount: 20)
        configuration.allowInsecureWebhookDestinations = true
        let sandbox = try await SandboxServer.start(configuration)
        let runtime = try await Runtime(settings: .sandbox(sandbox, databaseURL: "sqlite::memory:"))
        let registrar = WebhookRegistrar(client: runtime.bigCommerce)
        let destination = "http://127.0.0.1:9/webhooks/bigcommerce"
        let first = try await registrar.register(scopes: ["store/product/updated", "store/category/*"], destination: destination, headers: ["X-Clerkbridge-Webhook-Secret": "a"])
        _ = try sandbox.webhooks.updateHook(id: first[0].hookID, isActive: false)
        let rotated = try await registrar.register(scopes: ["store/product/updated", "store/category/*"], destination: destination, headers: ["X-Clerkbridge-Webhook-Secret": "b"])
        #expect(rotated.map(\.action) == [.reactivated, .updated])
        _ = try sandbox.webhooks.updateHook(id: first[1].hookID, isActive: false)
        let switchedOn = try await registrar.reactivate(destination: destination)
        #expect(switchedOn.map(\.id) == [first[1].hookID])
        #expect(sandbox.webhooks.hooks().allSatisfy { $0.isActive })
        await runtime.shutdown()
        await sandbox.shutdown()
    }

    @Test func serveAcceptsWebhooksWhileClerkIsDownAndTheWorkerStartsWhenItIsBack() async throws {
        var quiet = Logger(label: "sandbox")
        quiet.logLevel = .critical
        let sandbox = try await SandboxServer.start(SandboxConfiguration(productCount: 60), logger: quiet)
        sandbox.clerkFaults.configure { $0.down = true }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("serve-down-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var settings = Settings.sandbox(sandbox, databaseURL: "sqlite:\(directory.appendingPathComponent("db.sqlite").path)")
        settings.reindexInterval = nil
        settings.reconcileInterval = nil
        let runtime = try await Runtime(settings: settings, retry: BackgroundWork.inJobRetry)
        let signal = WorkSignal()
        let configuration = BackgroundWork.configuration(settings)
        let worker = WorkerService {
            BackgroundWork.worker(
                runtime: runtime, targets: try await runtime.targetsWhenReachable(), signal: signal, configuration: configuration)
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = ServeCommand.application(
            runtime: runtime, authenticator: WebhookAuthenticator(sharedSecret: "s3cret", clientSecret: nil), signal: signal,
            services: [worker], port: 0, onRunning: { continuation.yield($0) })
        let group = ServiceGroup(configuration: .init(services: [app], logger: runtime.logger))
        let running = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        // The worker has given up its quick retries and waits for Clerk; the receiver works regardless.
        let waiting = await eventually { sandbox.clerkFaults.counters.totalRequests >= 3 }
        #expect(waiting)

        let product = try #require(sandbox.store.allProducts().first { $0.channels.contains(1) })
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/webhooks/bigcommerce")
        request.method = .POST
        request.headers.add(name: "X-Clerkbridge-Webhook-Secret", value: "s3cret")
        request.body = .bytes(Array(#"{"scope":"store/product/updated","store_id":"1","data":{"type":"product","id":\#(product.id)},"hash":"h","created_at":1,"producer":"stores/\#(sandbox.storeHash)"}"#.utf8))
        let response = try await runtime.http.execute(request, timeout: .seconds(10))
        #expect(response.status.code == 200)
        #expect(try await runtime.store.jobCounts()[.available] == 1)

        sandbox.clerkFaults.clearFaults()
        let key = JobKey(kind: .productSync, entity: String(product.id))
        let done = try await eventually(seconds: 30) { () async throws -> Bool in
            try await runtime.store.jobs(state: .completed, limit: 10).contains { $0.key == key }
        }
        #expect(done)
        #expect(sandbox.clerkStorage.product(publicKey: sandbox.clerkStores[0].publicKey, id: product.id) != nil)
        await group.triggerGracefulShutdown()
        try await running.value
        await runtime.shutdown()
        await sandbox.shutdown()
    }
}
