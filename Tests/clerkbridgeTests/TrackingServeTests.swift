import AsyncHTTPClient
import BigCommerceAPI
import Foundation
import Logging
import Reliability
import Sandbox
import Server
import ServiceLifecycle
import SyncEngine
import SyncStore
import Testing

@testable import clerkbridge

/// `serve` with its event forwarder on loopback: events posted over HTTP reach the Clerk sandbox.
@Suite("shopper tracking through serve", .serialized)
struct TrackingServeTests {
    struct Served {
        let sandbox: SandboxServer
        let runtime: Runtime
        let group: ServiceGroup
        let running: Task<Void, any Error>
        let port: Int
        let directory: URL

        func stop() async throws {
            await group.triggerGracefulShutdown()
            try await running.value
            await runtime.shutdown()
            await sandbox.shutdown()
            try? FileManager.default.removeItem(at: directory)
        }

        func post(_ path: String, _ body: String, origin: String? = nil) async throws -> (Int, String, HTTPClientResponse) {
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "text/plain;charset=UTF-8")
            if let origin { request.headers.add(name: "Origin", value: origin) }
            request.body = .bytes(Array(body.utf8))
            let response = try await runtime.http.execute(request, timeout: .seconds(10))
            let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
            return (Int(response.status.code), text, response)
        }
    }

    func serve(
        products: Int = 20, attributionWait: Duration = .seconds(60), settings change: (inout Settings) -> Void = { _ in }
    ) async throws -> Served {
        var configuration = SandboxConfiguration(productCount: products)
        configuration.allowInsecureWebhookDestinations = true
        var quiet = Logger(label: "sandbox")
        quiet.logLevel = .critical
        let sandbox = try await SandboxServer.start(configuration, logger: quiet)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracking-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var settings = Settings.sandbox(sandbox, databaseURL: "sqlite:\(directory.appendingPathComponent("db.sqlite").path)")
        settings.reindexInterval = nil
        settings.reconcileInterval = nil
        settings.clientSecret = configuration.webhookClientSecret
        change(&settings)
        let runtime = try await Runtime(settings: settings, retry: BackgroundWork.inJobRetry)
        let workerConfiguration = {
            var configuration = BackgroundWork.configuration(settings)
            configuration.attributionWait = attributionWait
            return configuration
        }()
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = try ServeCommand.serving(
            runtime: runtime, authenticator: WebhookAuthenticator(sharedSecret: "s3cret", clientSecret: nil),
            workerConfiguration: workerConfiguration, port: 0, onRunning: { continuation.yield($0) })
        let group = ServiceGroup(configuration: .init(services: [app], logger: runtime.logger))
        let running = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        return Served(sandbox: sandbox, runtime: runtime, group: group, running: running, port: port, directory: directory)
    }

    static func event(_ id: String, _ fields: String, type: String = "product_viewed", visitor: String = "shopper1") -> String {
        let now = ISO8601DateFormatter().string(from: Date())
        return #"{"id":"\#(id)","type":"\#(type)","visitor_id":"\#(visitor)","occurred_at":"\#(now)",\#(fields)}"#
    }

    @Test func eventsPostedToServeReachClerkOnceWithRejectionsAnswered() async throws {
        let served = try await serve()
        let keys = served.sandbox.clerkStores[0]
        let body = #"{"events":[\#(Self.event("a", #""product_id": 101"#)),\#(Self.event("b", #""category_id": 5"#, type: "category_viewed")),\#(Self.event("c", #""product_id": 1"#, visitor: "no good"))]}"#
        let (status, text, _) = try await served.post("/v1/events", body)
        #expect(status == 200)
        #expect(text.contains(#""accepted":2"#) && text.contains("invalid_visitor_id"))
        let arrived = await eventually { served.sandbox.clerkStorage.logCalls(publicKey: keys.publicKey).count == 2 }
        #expect(arrived)
        // The script retries a batch whose answer it lost: nothing reaches Clerk twice.
        _ = try await served.post("/v1/events", body)
        let forwarded = try await eventually { try await served.runtime.store.eventCounts()[.forwarded] == 2 }
        #expect(forwarded)
        #expect(served.sandbox.clerkStorage.logCalls(publicKey: keys.publicKey).map(\.endpoint).sorted() == ["log/category", "log/product"])
        try await served.stop()
    }

    @Test func aStorefrontPurchaseReportLogsTheVerifiedOrderOnceWithItsVisitorAndAForgedOneClaimsNothing() async throws {
        // No wait for a visitor, so the forged report's order is logged at once (without one).
        let served = try await serve(attributionWait: .zero)
        let sandbox = served.sandbox
        let product = try #require(sandbox.store.allProducts().first { $0.channels.contains(1) && $0.isVisible })
        // No hooks are registered here: the storefront's report alone makes the sale logger read the order.
        let order = try #require(sandbox.orderEvents.placeOrder(
            channelID: 1, guestEmail: "guest@example.com", items: [SandboxOrderItem(productID: product.id, quantity: 2)],
            cartID: "cart-guest-1"))
        let other = try #require(sandbox.orderEvents.placeOrder(
            channelID: 1, customerID: 1, items: [SandboxOrderItem(productID: product.id)], cartID: "cart-other"))
        let body = #"{"events":[\#(Self.event("c1", #""product_id": \#(product.id), "quantity": 2, "cart_id": "cart-guest-1""#, type: "cart_item_added", visitor: "guestV1")),\#(Self.event("o1", #""order_id": \#(order.id), "items": [{"product_id": \#(product.id), "quantity": 2, "price": "0.01"}]"#, type: "order_purchased", visitor: "guestV1")),\#(Self.event("o2", #""order_id": \#(other.id), "items": [{"product_id": \#(product.id), "quantity": 1, "price": "0.01"}]"#, type: "order_purchased", visitor: "forger1"))]}"#
        let (status, text, _) = try await served.post("/v1/events", body)
        #expect(status == 200 && text.contains(#""accepted":3"#))

        func sales(_ id: Int) -> [ClerkLogCall] {
            sandbox.clerkStorage.logCalls().filter { $0.endpoint == "log/sale" && $0["sale"]?.stringValue == String(id) }
        }
        let logged = await eventually { sales(order.id).count == 1 && sales(other.id).count == 1 }
        #expect(logged)
        let sale = try #require(sales(order.id).first)
        #expect(sale["visitor"]?.stringValue == "guestV1")
        #expect(sale["email"]?.stringValue == "guest@example.com" && sale["customer"] == nil)
        // BigCommerce's price, not the browser's 0.01.
        #expect(sale["products"] != nil && !"\(sale["products"]!)".contains("0.01"))
        // The forged report names an order whose cart and customer are not the forger's: logged without a visitor.
        #expect(sales(other.id).first?["visitor"] == nil)
        try await served.stop()
    }
}
