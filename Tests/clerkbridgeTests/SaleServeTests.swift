import Foundation
import Logging
import Sandbox
import SyncEngine
import SyncStore
import Testing

@testable import clerkbridge

/// `serve` and its worker fed by the sandbox's own order webhooks, duplicated and reordered: each qualifying
/// order reaches Clerk as one `log/sale`, an order left Incomplete as none, a cancellation and a refund as
/// status changes.
@Suite("sales through serve", .serialized)
struct SaleServeTests {
    @Test func duplicatedAndReorderedOrderWebhooksGiveOneSaleEach() async throws {
        var configuration = SandboxConfiguration(productCount: 60)
        configuration.allowInsecureWebhookDestinations = true
        var quiet = Logger(label: "sandbox")
        quiet.logLevel = .critical
        let sandbox = try await SandboxServer.start(configuration, logger: quiet)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sale-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let databaseURL = "sqlite:\(directory.appendingPathComponent("db.sqlite").path)"
        let runtime = try await Runtime(settings: .sandbox(sandbox, databaseURL: databaseURL), retry: BackgroundWork.inJobRetry)
        let targets = try await runtime.targets(only: nil)
        sandbox.webhooks.configure {
            $0.duplicateRate = 0.5
            $0.reorderWindow = 8
        }
        let pipeline = try await LivePipeline.start(
            sandbox: sandbox, runtime: runtime, targets: targets,
            workerConfiguration: WorkerConfiguration(
                pollInterval: .milliseconds(50), reconcileInterval: nil, reindexInterval: nil, attributionWait: .zero),
            sharedSecret: "sale-shared-secret")

        let product = try #require(sandbox.store.allProducts().first { $0.channels.contains(1) })
        let events = sandbox.orderEvents
        let item = [SandboxOrderItem(productID: product.id, quantity: 2)]
        // The storefront saw the cart with its visitor before checkout (recorded as the event forwarder does).
        try await runtime.store.recordCart("cart-paid", visitor: "cartVisitor1", storefront: "main-usd", at: Date())
        let paid = try #require(events.placeOrder(customerID: 1, items: item, cartID: "cart-paid"))
        let guest = try #require(events.placeOrder(guestEmail: "guest@example.com", items: item))
        let incomplete = try #require(events.placeOrder(customerID: 2, items: item, status: 0))
        let cancelled = try #require(events.placeOrder(customerID: 3, items: item))
        let refunded = try #require(events.placeOrder(customerID: 1, items: item))
        let qualifying = [paid.id, guest.id, cancelled.id, refunded.id]

        func sales(_ id: Int) -> [ClerkLogCall] {
            sandbox.clerkStorage.logCalls().filter { $0.endpoint == "log/sale" && $0["sale"]?.stringValue == String(id) }
        }
        func drained() async throws -> Bool {
            let counts = try await runtime.store.jobCounts()
            return (counts[.available] ?? 0) + (counts[.running] ?? 0) + (counts[.retryable] ?? 0) == 0
        }
        #expect(await sandbox.webhooks.waitUntilIdle(timeout: .seconds(60)))
        #expect(try await eventually { try await drained() && qualifying.allSatisfy { !sales($0).isEmpty } })

        events.setStatus(orderID: cancelled.id, statusID: 5)
        events.refund(orderID: refunded.id)
        events.updateOrder(id: paid.id) { _ in }
        #expect(await sandbox.webhooks.waitUntilIdle(timeout: .seconds(60)))
        let main = try #require(targets.first { $0.name == "main-usd" }).clerkKeys.publicKey
        func clerkStatus(_ id: Int) -> String? { sandbox.clerkStorage.order(publicKey: main, id: String(id))?["status"]?.stringValue }
        #expect(try await eventually {
            try await drained() && clerkStatus(cancelled.id) == "CANCELLED" && clerkStatus(refunded.id) == "RETURNED"
        })

        #expect(qualifying.map { sales($0).count } == [1, 1, 1, 1])
        #expect(sales(incomplete.id).isEmpty)
        #expect(sales(paid.id).first?["visitor"] == "cartVisitor1")
        #expect(sales(guest.id).first?["customer"] == nil)
        #expect(clerkStatus(paid.id) == "CONFIRMED")
        let returned = sandbox.clerkStorage.logCalls().filter { $0.endpoint == "log/returned" }
        #expect(returned.map { $0["order"]?.stringValue } == [String(refunded.id)])
        #expect(returned.first?["quantity"] == 2)
        #expect(sandbox.webhooks.counters.duplicatesSent > 0)
        #expect(try await runtime.store.jobCounts()[.dead] == 0)

        await pipeline.shutdown()
        await runtime.shutdown()
        await sandbox.shutdown()
    }
}
