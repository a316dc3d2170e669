import Foundation
import Reliability
import Sandbox
import StorefrontRegistry
import SyncEngine
import SyncStore

/// The demo's webhook step: `serve` and its worker on loopback, the sandbox delivering signed-off
/// webhooks (with duplicates) for five kinds of catalog change, each watched until it is in Clerk.
struct WebhookDeltaDemo {
    let sandbox: SandboxServer
    let runtime: Runtime
    let targets: [ResolvedStorefront]
    let checks: DemoChecks

    func run() async throws {
        print("\n6. Webhooks: `serve` receives BigCommerce's deliveries, the worker applies them")
        sandbox.webhooks.configure { $0.duplicateRate = 0.3 }
        let pipeline = try await LivePipeline.start(
            sandbox: sandbox, runtime: runtime, targets: targets,
            workerConfiguration: WorkerConfiguration(pollInterval: .milliseconds(200), reconcileInterval: nil, reindexInterval: nil),
            sharedSecret: "demo-\(UUID().uuidString)")
        do {
            try await changes(pipeline)
        } catch {
            checks.fail("the webhook step stopped: \(error)")
        }
        await pipeline.shutdown()
    }

    private func changes(_ pipeline: LivePipeline) async throws {
        print("   serve listens on 127.0.0.1:\(pipeline.port); \(pipeline.registered.count) hooks registered to \(pipeline.destination)")
        print("   (the sandbox delivers about 30 % of the events twice, as BigCommerce may)")
        guard let main = targets.first(where: { $0.storefront.channelID == 1 }),
            let outlet = targets.first(where: { $0.storefront.channelID == 2 })
        else {
            checks.fail("the sandbox storefronts are not on channels 1 and 2")
            return
        }
        let eligible = sandbox.store.allProducts().lazy.filter {
            Set($0.channels) == [1, 2] && $0.isVisible && $0.availability == "available" && $0.inventoryTracking != "none"
                && $0.id != SandboxCatalog.firstProductID
        }
        // The price change is shown on a product without variant prices, so the document's `price` moves.
        let simple = eligible.first { $0.salePrice == 0 && $0.variants.allSatisfy { $0.price == nil && $0.salePrice == nil } }
        let candidates = Array(([simple].compactMap { $0 } + eligible.filter { $0.id != simple?.id }).prefix(4))
        guard candidates.count == 4 else {
            checks.fail("the catalog has too few products in both channels for the webhook step")
            return
        }
        let events = sandbox.catalogEvents

        let priced = candidates[0]
        let before = fields(main, priced.id)
        events.setPrice(productID: priced.id, price: priced.price + 10)
        await watch("price change of product \(priced.id) (+10 in the store currency)") {
            guard let now = fields(main, priced.id), now != before else { return nil }
            return "\(main.name) price \(before?.priceText ?? "-") → \(now.priceText)"
        }

        let emptied = candidates[1]
        events.setStock(productID: emptied.id, level: 0)
        await watch("stock of product \(emptied.id) to zero") {
            guard let now = fields(main, emptied.id), now.stock == 0 else { return nil }
            return "\(main.name) stock 0, in_stock \(now.inStock.map(String.init) ?? "-")"
        }

        let deleted = candidates[2]
        events.deleteProduct(id: deleted.id)
        await watch("deletion of product \(deleted.id)") {
            targets.allSatisfy { document($0, deleted.id) == nil } ? "gone from all \(targets.count) Clerk stores" : nil
        }

        let unassigned = candidates[3]
        events.unassignProduct(unassigned.id, fromChannel: 2)
        await watch("product \(unassigned.id) unassigned from channel 2") {
            document(outlet, unassigned.id) == nil && document(main, unassigned.id) != nil
                ? "removed from \(targets.filter { $0.storefront.channelID == 2 }.map(\.name).joined(separator: ", ")), kept in \(main.name)" : nil
        }

        let created = events.createProduct(priced.copy(named: "Webhook-born lamp"))
        await watch("new product \(created.id)") {
            targets.allSatisfy { document($0, created.id) != nil } ? "in all \(targets.count) Clerk stores as \"\(created.name)\"" : nil
        }

        let settled = await sandbox.webhooks.waitUntilIdle(timeout: .seconds(15))
        let drained = await checks.eventually(seconds: 15) {
            let counts = try? await runtime.store.jobCounts()
            return counts.map { ($0[.available] ?? 0) + ($0[.running] ?? 0) + ($0[.retryable] ?? 0) == 0 } ?? false
        }
        let counters = sandbox.webhooks.counters
        print("   \(counters.deliveriesSucceeded) deliveries acknowledged (\(counters.duplicatesSent) of them duplicates); queue: \(try await queueLine())")
        checks.expect(settled && drained, "every delivery was acknowledged and every job completed")
        let verified = try await VerifyCommand.verify(runtime: runtime, storefront: nil)
        checks.expect(verified.ok, "verify: every Clerk store matches the changed catalog")
    }

    /// Polls `condition` every 5 ms for up to 10 s; a non-nil answer describes the change in Clerk.
    private func watch(_ what: String, _ condition: () -> String?) async {
        let started = ContinuousClock.now
        while ContinuousClock.now - started < .seconds(10) {
            if let seen = condition() {
                let elapsed = ContinuousClock.now - started
                checks.expect(true, "\(what) reached Clerk in \(Int(elapsed.timeInterval * 1_000)) ms: \(seen)")
                return
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
        checks.fail("\(what) did not reach Clerk within 10 s")
    }

    private func document(_ target: ResolvedStorefront, _ id: Int) -> [String: Any]? {
        guard let bytes = sandbox.clerkStorage.product(publicKey: target.clerkKeys.publicKey, id: id) else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
    }

    /// The attributes the demo shows, read from Clerk's stored document.
    struct ShownFields: Decodable, Equatable {
        var price: Decimal?
        var listPrice: Decimal?
        var stock: Int?
        var inStock: Bool?
        var updatedAt: Int?

        enum CodingKeys: String, CodingKey {
            case price, stock
            case listPrice = "list_price", inStock = "in_stock", updatedAt = "updated_at"
        }

        var priceText: String { price.map { "\($0)" } ?? "-" }
    }

    private func fields(_ target: ResolvedStorefront, _ id: Int) -> ShownFields? {
        guard let bytes = sandbox.clerkStorage.product(publicKey: target.clerkKeys.publicKey, id: id) else { return nil }
        return try? JSONDecoder().decode(ShownFields.self, from: Data(bytes))
    }

    private func queueLine() async throws -> String {
        let counts = try await runtime.store.jobCounts()
        return JobStateNames.line(counts)
    }
}

/// `completed 12, dead 0, …` for the states that matter to an operator.
enum JobStateNames {
    static func line(_ counts: [JobState: Int]) -> String {
        [JobState.completed, .available, .running, .retryable, .dead].map { "\($0.rawValue) \(counts[$0] ?? 0)" }
            .joined(separator: ", ")
    }
}
