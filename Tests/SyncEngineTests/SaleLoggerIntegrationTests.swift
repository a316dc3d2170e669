import BigCommerceAPI
import ClerkAPI
import Foundation
import JSONSupport
import Reliability
import Sandbox
import StorefrontRegistry
import SyncEngine
import SyncStore
import Testing

/// The server-side sale logger through webhooks, the queue and the worker, over the real HTTP clients against
/// the sandbox: one `log/sale` per order, the storefront and prices of mapping.md §4–5, the visitor from the
/// storefront's reports, cancellations and refunds.
@Suite("sale logger against the sandbox", .serialized)
struct SaleLoggerIntegrationTests {
    struct Setup {
        let harness: Harness
        let targets: [ResolvedStorefront]
        let worker: DeltaWorker
        let product: SandboxProduct

        var events: SandboxOrderEvents { harness.sandbox.orderEvents }

        func target(_ name: String) throws -> ResolvedStorefront { try #require(targets.first { $0.name == name }) }

        /// The `log/*` calls of `endpoint` the Clerk store of `storefront` received for order `orderID`.
        func calls(_ endpoint: String, storefront: String, order orderID: Int) throws -> [ClerkLogCall] {
            let key = try target(storefront).clerkKeys.publicKey
            let name = endpoint == "log/sale" ? "sale" : "order"
            return harness.sandbox.clerkStorage.logCalls(publicKey: key).filter {
                $0.endpoint == endpoint && $0[name]?.stringValue == String(orderID)
            }
        }

        /// Every `log/sale` call, of every store.
        var allSales: [ClerkLogCall] { harness.sandbox.clerkStorage.logCalls().filter { $0.endpoint == "log/sale" } }

        func deliverOrder(_ scope: String, _ id: Int, extra: String = "") async throws {
            try await harness.deliver(scope, #"{"type":"order","id":\#(id)\#(extra)}"#)
        }

        func deliverStatus(_ id: Int, from: Int, to: Int) async throws {
            try await deliverOrder(
                "store/order/statusUpdated", id, extra: #","status":{"previous_status_id":\#(from),"new_status_id":\#(to)}"#)
        }

        func deliverConverted(cart: String, order id: Int) async throws {
            try await harness.deliver("store/cart/converted", #"{"type":"cart","id":"\#(cart)","orderId":\#(id)}"#)
        }

        /// The `order.sync` job the event forwarder queues for a storefront purchase report.
        func enqueuePurchase(_ id: Int) async throws {
            try await harness.store.enqueue(
                BackgroundJob.order(id).key, payload: OrderSyncPayload(source: .purchaseEvent).encoded(),
                runAt: Date(), now: Date())
        }

        func drain() async throws { try await harness.drain(worker) }
    }

    func start(maxAttempts: Int = 10, attributionWait: Duration = .zero) async throws -> Setup {
        let harness = try await Harness.start(products: 60)
        let targets = try await harness.targets()
        let product = try #require(harness.sandbox.store.allProducts().first { Set($0.channels) == [1, 2] && $0.variants.count > 1 })
        return Setup(
            harness: harness, targets: targets,
            worker: harness.saleWorker(targets, maxAttempts: maxAttempts, attributionWait: attributionWait), product: product)
    }

    static func decimal(_ value: JSONValue?) -> Decimal? {
        if case .number(let text)? = value { return Decimal(string: text) }
        return nil
    }

    static func round(_ value: Decimal, _ places: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, places, .plain)
        return result
    }

    @Test func exactlyOneSalePerOrderAcrossDuplicatedAndReorderedWebhooksAndAPurchaseReport() async throws {
        let setup = try await start()
        let product = setup.product
        let order = try #require(setup.events.placeOrder(
            customerID: 1,
            items: [
                SandboxOrderItem(productID: product.id, variantID: product.variants[1].id, quantity: 2),
                SandboxOrderItem(productID: product.id, variantID: product.variants[0].id, quantity: 1, discount: Decimal(string: "0.5")!),
            ],
            cartID: "cart-one"))
        // A gift certificate and a bundle's child line are not sold products.
        setup.harness.sandbox.store.updateOrder(id: order.id) { order in
            order.lines.append(SandboxOrderLine(id: 0, productID: 0, variantID: 0, name: "Gift", type: "giftcertificate", quantity: 1, priceIncTax: 25))
            order.lines.append(SandboxOrderLine(
                id: 0, productID: product.id + 1, variantID: 0, name: "Bundled", quantity: 1, priceIncTax: 0,
                parentOrderProductID: order.lines[0].id, isBundledProduct: true))
        }
        try await setup.harness.store.recordPurchase(orderID: order.id, visitor: "buyerV1", storefront: "main-usd", customerID: order.customerID, at: Date())

        try await setup.deliverConverted(cart: "cart-one", order: order.id)
        try await setup.deliverStatus(order.id, from: 0, to: 11)
        try await setup.deliverOrder("store/order/created", order.id)
        try await setup.deliverOrder("store/order/created", order.id)
        try await setup.enqueuePurchase(order.id)
        try await setup.drain()
        try await setup.deliverOrder("store/order/updated", order.id)
        try await setup.enqueuePurchase(order.id)
        try await setup.drain()

        #expect(setup.allSales.count == 1)
        let sale = try #require(try setup.calls("log/sale", storefront: "main-usd", order: order.id).first)
        #expect(sale["visitor"] == "buyerV1")
        #expect(sale["customer"] == "1")
        #expect(sale["email"] == "ann@sandbox.example")
        guard case .array(let products)? = sale["products"] else {
            Issue.record("log/sale without products")
            return
        }
        #expect(products.map { $0["id"] } == [.int(product.id), .int(product.id)])
        #expect(products.map { $0["quantity"] } == [2, 1])
        let first = order.lines[0].priceIncTax
        let second = Self.round(order.lines[1].priceIncTax - Decimal(string: "0.5")!, 2)
        #expect(products.map { Self.decimal($0["price"]) } == [first, second])

        let logged = try #require(try await setup.harness.store.loggedSale(storefront: "main-usd", orderID: order.id))
        #expect(logged.visitor == "buyerV1" && logged.lines.count == 2 && logged.clerkStatus == nil)
        let publicKey = try setup.target("main-usd").clerkKeys.publicKey
        #expect(setup.harness.sandbox.clerkStorage.order(publicKey: publicKey, id: String(order.id))?["status"] == "CONFIRMED")
        #expect(try await setup.harness.store.jobCounts()[.dead] == 0)
        await setup.harness.shutdown()
    }

    @Test func anIncompleteOrderLogsNothingUntilItQualifies() async throws {
        let setup = try await start()
        let order = try #require(setup.events.placeOrder(
            customerID: 2, items: [SandboxOrderItem(productID: setup.product.id)], status: 0))
        try await setup.deliverOrder("store/order/created", order.id)
        try await setup.drain()
        #expect(setup.allSales.isEmpty)
        #expect(try await setup.harness.store.loggedSale(storefront: "main-usd", orderID: order.id) == nil)

        setup.events.setStatus(orderID: order.id, statusID: 11)
        try await setup.deliverStatus(order.id, from: 0, to: 11)
        try await setup.drain()
        #expect(try setup.calls("log/sale", storefront: "main-usd", order: order.id).count == 1)
        await setup.harness.shutdown()
    }

    @Test func declinedAndCancelledBeforeQualifyingLogNothing() async throws {
        let setup = try await start()
        let declined = try #require(setup.events.placeOrder(guestEmail: "g@example.com", items: [SandboxOrderItem(productID: setup.product.id)], status: 6))
        let cancelled = try #require(setup.events.placeOrder(guestEmail: "g@example.com", items: [SandboxOrderItem(productID: setup.product.id)], status: 5))
        try await setup.deliverStatus(declined.id, from: 0, to: 6)
        try await setup.deliverStatus(cancelled.id, from: 0, to: 5)
        try await setup.deliverOrder("store/order/updated", cancelled.id)
        try await setup.drain()
        #expect(setup.allSales.isEmpty)
        #expect(setup.harness.sandbox.clerkStorage.logCalls().isEmpty)
        // The two deliveries for the cancelled order were pending together: one job.
        #expect(try await setup.harness.store.jobCounts()[.completed] == 2)
        await setup.harness.shutdown()
    }

    @Test func anOrderOfGiftCertificatesOnlyLogsNothing() async throws {
        let setup = try await start()
        let order = try #require(setup.events.placeOrder(customerID: 1, items: [SandboxOrderItem(productID: setup.product.id)]))
        setup.harness.sandbox.store.updateOrder(id: order.id) { order in
            order.lines = [SandboxOrderLine(id: 0, productID: 0, variantID: 0, name: "Gift", type: "giftcertificate", quantity: 1, priceIncTax: 25)]
        }
        try await setup.deliverStatus(order.id, from: 0, to: 11)
        try await setup.drain()
        #expect(setup.allSales.isEmpty)
        #expect(try await setup.harness.store.loggedSale(storefront: "main-usd", orderID: order.id) == nil)
        #expect(try await setup.harness.store.jobCounts()[.completed] == 1)
        await setup.harness.shutdown()
    }

    @Test func aCancelledSaleIsMarkedCancelledOnce() async throws {
        let setup = try await start()
        let order = try #require(setup.events.placeOrder(customerID: 3, items: [SandboxOrderItem(productID: setup.product.id)]))
        try await setup.deliverStatus(order.id, from: 0, to: 11)
        try await setup.drain()
        setup.events.setStatus(orderID: order.id, statusID: 5)
        try await setup.deliverStatus(order.id, from: 11, to: 5)
        try await setup.drain()
        let publicKey = try setup.target("main-usd").clerkKeys.publicKey
        #expect(setup.harness.sandbox.clerkStorage.order(publicKey: publicKey, id: String(order.id))?["status"] == "CANCELLED")
        let logged = try #require(try await setup.harness.store.loggedSale(storefront: "main-usd", orderID: order.id))
        #expect(logged.clerkStatus == "CANCELLED")
        let writes = setup.harness.sandbox.clerkFaults.counters.writeRequests
        try await setup.deliverOrder("store/order/updated", order.id)
        try await setup.drain()
        #expect(setup.harness.sandbox.clerkFaults.counters.writeRequests == writes)
        #expect(setup.allSales.count == 1)
        await setup.harness.shutdown()
    }

    @Test func refundsReportNewlyRefundedUnitsThenReturned() async throws {
        let setup = try await start()
        let product = setup.product
        let order = try #require(setup.events.placeOrder(
            customerID: 1,
            items: [
                SandboxOrderItem(productID: product.id, variantID: product.variants[0].id, quantity: 3),
                SandboxOrderItem(productID: product.id, variantID: product.variants[1].id, quantity: 1),
            ]))
        try await setup.deliverStatus(order.id, from: 0, to: 11)
        try await setup.drain()

        setup.events.refund(orderID: order.id, lines: [order.lines[0].id: 1])
        try await setup.deliverOrder("store/order/refund/created", order.id)
        try await setup.deliverStatus(order.id, from: 11, to: 14)
        try await setup.drain()
        var returned = try setup.calls("log/returned", storefront: "main-usd", order: order.id)
        #expect(returned.map { $0["quantity"] } == [1])
        #expect(try await setup.harness.store.loggedSale(storefront: "main-usd", orderID: order.id)?.clerkStatus == nil)

        setup.events.refund(orderID: order.id)
        try await setup.deliverOrder("store/order/refund/created", order.id)
        try await setup.deliverStatus(order.id, from: 14, to: 4)
        try await setup.deliverOrder("store/order/refund/created", order.id)
        try await setup.drain()
        returned = try setup.calls("log/returned", storefront: "main-usd", order: order.id)
        #expect(returned.map { $0["quantity"] } == [1, 2, 1])
        #expect(returned.allSatisfy { $0["product"] == .int(product.id) })
        let logged = try #require(try await setup.harness.store.loggedSale(storefront: "main-usd", orderID: order.id))
        #expect(logged.clerkStatus == "RETURNED")
        #expect(logged.returned == [order.lines[0].id: 3, order.lines[1].id: 1])
        let publicKey = try setup.target("main-usd").clerkKeys.publicKey
        #expect(setup.harness.sandbox.clerkStorage.order(publicKey: publicKey, id: String(order.id))?["status"] == "RETURNED")
        #expect(setup.allSales.count == 1)
        await setup.harness.shutdown()
    }

    @Test func pricesAreConvertedToANonDefaultStorefrontCurrency() async throws {
        let setup = try await start()
        let product = setup.product
        // Shown in GBP on channel 2, paid in EUR: the GBP storefront gets EUR → USD → GBP prices.
        let order = try #require(setup.events.placeOrder(
            channelID: 2, guestEmail: "guest@example.com",
            items: [SandboxOrderItem(productID: product.id, quantity: 3, discount: Decimal(string: "1.00")!)],
            displayCurrency: "GBP", transactionalCurrency: "EUR"))
        try await setup.deliverStatus(order.id, from: 0, to: 11)
        try await setup.drain()
        #expect(try setup.calls("log/sale", storefront: "outlet-eur", order: order.id).isEmpty)
        let sale = try #require(try setup.calls("log/sale", storefront: "outlet-gbp", order: order.id).first)
        let paidEUR = (order.lines[0].priceIncTax * 3 - 1) / 3
        let expected = Self.round(paidEUR / Decimal(string: "0.92")! * Decimal(string: "0.79")!, 2)
        guard case .array(let products)? = sale["products"] else {
            Issue.record("log/sale without products")
            return
        }
        #expect(products.map { Self.decimal($0["price"]) } == [expected])
        #expect(expected != Self.round(paidEUR, 2))
        // A guest: no customer, the billing email.
        #expect(sale["customer"] == nil)
        #expect(sale["email"] == "guest@example.com")
        #expect(setup.allSales.count == 1)
        await setup.harness.shutdown()
    }

    @Test func theVisitorComesFromThePurchaseReportElseTheCart() async throws {
        let setup = try await start()
        let attribution = setup.harness.store
        let viaCart = try #require(setup.events.placeOrder(customerID: 1, items: [SandboxOrderItem(productID: setup.product.id)], cartID: "cart-a"))
        let viaPurchase = try #require(setup.events.placeOrder(customerID: 2, items: [SandboxOrderItem(productID: setup.product.id)], cartID: "cart-b"))
        let unknown = try #require(setup.events.placeOrder(customerID: 3, items: [SandboxOrderItem(productID: setup.product.id)], cartID: "cart-c"))
        try await attribution.recordCart("cart-a", visitor: "cartVisitorA", storefront: "main-usd", at: Date())
        try await attribution.recordCart("cart-b", visitor: "cartVisitorB", storefront: "main-usd", at: Date())
        try await attribution.recordPurchase(orderID: viaPurchase.id, visitor: "buyerB", storefront: "main-usd", customerID: 2, at: Date())
        for order in [viaCart, viaPurchase, unknown] {
            try await setup.deliverConverted(cart: order.cartID ?? "", order: order.id)
        }
        try await setup.drain()
        #expect(try setup.calls("log/sale", storefront: "main-usd", order: viaCart.id).first?["visitor"] == "cartVisitorA")
        #expect(try setup.calls("log/sale", storefront: "main-usd", order: viaPurchase.id).first?["visitor"] == "buyerB")
        let anonymous = try #require(try setup.calls("log/sale", storefront: "main-usd", order: unknown.id).first)
        #expect(anonymous["visitor"] == nil)
        await setup.harness.shutdown()
    }

    @Test func aSaleWithoutAVisitorWaitsForOneWithoutUsingAnAttempt() async throws {
        let setup = try await start(attributionWait: .seconds(3_600))
        let order = try #require(setup.events.placeOrder(customerID: 1, items: [SandboxOrderItem(productID: setup.product.id)]))
        try await setup.deliverStatus(order.id, from: 0, to: 11)
        #expect(try await setup.worker.runOnce() == 1)
        #expect(setup.allSales.isEmpty)
        let waiting = try #require(try await setup.harness.store.jobs(state: .retryable, limit: 10).first)
        #expect(waiting.key == BackgroundJob.order(order.id).key)
        #expect(waiting.attempts == 0)
        #expect(waiting.runAt == order.dateCreated.addingTimeInterval(3_600))

        // A known visitor does not wait.
        let attributed = try #require(setup.events.placeOrder(customerID: 2, items: [SandboxOrderItem(productID: setup.product.id)]))
        try await setup.harness.store.recordPurchase(orderID: attributed.id, visitor: "quickV", storefront: "main-usd", customerID: attributed.customerID, at: Date())
        try await setup.enqueuePurchase(attributed.id)
        #expect(try await setup.worker.runOnce() == 1)
        #expect(try setup.calls("log/sale", storefront: "main-usd", order: attributed.id).first?["visitor"] == "quickV")
        await setup.harness.shutdown()
    }

    @Test func aClerkOutageIsWaitedOutWithoutAttemptsAndTheSaleIsLoggedOnce() async throws {
        let setup = try await start()
        let order = try #require(setup.events.placeOrder(customerID: 1, items: [SandboxOrderItem(productID: setup.product.id)]))
        setup.harness.sandbox.clerkFaults.configure { $0.down = true }
        try await setup.deliverStatus(order.id, from: 0, to: 11)
        #expect(try await setup.worker.runOnce() == 1)
        let waiting = try #require(try await setup.harness.store.jobs(state: .retryable, limit: 10).first)
        #expect(waiting.attempts == 0)
        #expect(try await setup.harness.store.loggedSale(storefront: "main-usd", orderID: order.id) == nil)
        setup.harness.sandbox.clerkFaults.configure { $0.down = false }
        try await setup.drain()
        #expect(try setup.calls("log/sale", storefront: "main-usd", order: order.id).count == 1)
        #expect(try await setup.harness.store.loggedSale(storefront: "main-usd", orderID: order.id) != nil)
        await setup.harness.shutdown()
    }

    @Test func aSaleClerkRefusesIsDeadLetteredWithItsRequestAndNotRecorded() async throws {
        let setup = try await start()
        setup.harness.sandbox.clerkFaults.configure { $0.rejectedVisitors = ["refusedV"] }
        let order = try #require(setup.events.placeOrder(customerID: 1, items: [SandboxOrderItem(productID: setup.product.id)]))
        try await setup.harness.store.recordPurchase(orderID: order.id, visitor: "refusedV", storefront: "main-usd", customerID: order.customerID, at: Date())
        try await setup.deliverStatus(order.id, from: 0, to: 11)
        try await setup.drain()
        #expect(setup.allSales.isEmpty)
        #expect(try await setup.harness.store.loggedSale(storefront: "main-usd", orderID: order.id) == nil)
        let dead = try await setup.harness.store.jobs(state: .dead, limit: 10)
        #expect(dead.map(\.key) == [BackgroundJob.order(order.id).key])
        #expect(dead.first?.attempts == 1)
        let letter = try #require(try await setup.harness.store.deadLetters(includeResolved: false).last)
        let payload = String(decoding: letter.requestPayload ?? [], as: UTF8.self)
        #expect(payload.contains(#""sale":"\#(order.id)""#))
        #expect(payload.contains("refusedV"))
        await setup.harness.shutdown()
    }

    @Test func aPurchaseReportForAnOrderBigCommerceDoesNotKnowEndsDeadAndLogsNothing() async throws {
        let setup = try await start(maxAttempts: 3)
        try await setup.harness.store.recordPurchase(orderID: 987_654, visitor: "ghostV", storefront: "main-usd", customerID: nil, at: Date())
        try await setup.enqueuePurchase(987_654)
        // A webhook for an order BigCommerce does not know is simply done.
        try await setup.deliverOrder("store/order/updated", 876_543)
        try await setup.drain()
        #expect(setup.allSales.isEmpty)
        let dead = try await setup.harness.store.jobs(state: .dead, limit: 10)
        #expect(dead.map(\.key) == [BackgroundJob.order(987_654).key])
        #expect(dead.first?.attempts == 3)
        let letters = try await setup.harness.store.deadLetters(includeResolved: false)
        #expect(!letters.isEmpty)
        #expect(letters.allSatisfy { $0.kind == "order.sync" && $0.entityID == "987654" })
        #expect(letters.contains { $0.error.contains("does not know") && $0.error.contains("purchase report") })
        #expect(try await setup.harness.store.jobs(state: .completed, limit: 10).map(\.key) == [BackgroundJob.order(876_543).key])
        await setup.harness.shutdown()
    }
}

extension Harness {
    /// A worker that also runs `order.sync` jobs through a sale logger (ledger and attribution: the harness store).
    func saleWorker(_ targets: [ResolvedStorefront], maxAttempts: Int, attributionWait: Duration) -> DeltaWorker {
        let configuration = WorkerConfiguration(
            owner: "sale-worker", lease: .seconds(30), batchSize: 100, maxAttempts: maxAttempts,
            backoff: RetryPolicy(base: .milliseconds(1), cap: .milliseconds(5)), pollInterval: .milliseconds(20),
            reconcileInterval: nil, reindexInterval: nil, attributionWait: attributionWait)
        let sync = deltaSync(targets)
        let sales = SaleLogger(sync: sync, clerk: clerk, ledger: store, attribution: store, logger: logger)
        return DeltaWorker(
            sync: sync, store: store, configuration: configuration, signal: WorkSignal(),
            reindex: { _ in throw CancellationError() }, sales: sales, logger: logger)
    }
}
