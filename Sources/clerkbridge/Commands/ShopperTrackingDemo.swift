import AsyncHTTPClient
import Foundation
import Sandbox
import StorefrontRegistry
import SyncEngine
import SyncStore

/// The demo's shopper step: a visitor browses, adds to cart, logs in and buys on the storefront; the events
/// go to `serve`'s `/v1/events` as `storefront.js` sends them, the order webhooks come from the sandbox
/// BigCommerce, and the Clerk calls that resulted are printed.
struct ShopperTrackingDemo {
    let sandbox: SandboxServer
    let runtime: Runtime
    let targets: [ResolvedStorefront]
    let checks: DemoChecks

    /// The shopper of the step: their visitor id, email and order.
    struct Shopper {
        var visitor: String
        var email: String
        var orderID: Int
    }

    /// Runs the step; returns the shopper when their purchase went through.
    func run() async throws -> Shopper? {
        print("\n7. A shopper browses, adds to cart, logs in and buys")
        let pipeline = try await LivePipeline.start(
            sandbox: sandbox, runtime: runtime, targets: targets,
            workerConfiguration: WorkerConfiguration(pollInterval: .milliseconds(200), reconcileInterval: nil, reindexInterval: nil),
            sharedSecret: "demo-\(UUID().uuidString)")
        var shopper: Shopper?
        do {
            shopper = try await shop(pipeline)
        } catch {
            checks.fail("the shopper step stopped: \(error)")
        }
        await pipeline.shutdown()
        return shopper
    }

    private func shop(_ pipeline: LivePipeline) async throws -> Shopper? {
        guard let main = targets.first(where: { $0.storefront.channelID == 1 }),
            let customer = sandbox.store.customers().first
        else {
            checks.fail("the sandbox has no channel-1 storefront or no customer")
            return nil
        }
        let listed = sandbox.store.allProducts().filter { $0.channels.contains(1) && $0.isVisible && !$0.categories.isEmpty }
        guard listed.count >= 2 else {
            checks.fail("the catalog has too few visible products for the shopper step")
            return nil
        }
        let (shoe, sock) = (listed[0], listed[1])
        let visitor = "demo" + String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12))
        let cart = UUID().uuidString.lowercased()
        print("   visitor \(visitor) on storefront \(main.name); events go to \(pipeline.eventsURL)")

        var sent = 0
        sent += try await post(pipeline, [
            event("product_viewed", visitor, #""product_id": \#(shoe.id), "variant_id": \#(shoe.variants[0].id)"#),
            event("category_viewed", visitor, #""category_id": \#(shoe.categories[0])"#),
            event("search_performed", visitor, #""query": "\#(sock.name.split(separator: " ").first ?? "sock")""#),
            event("product_viewed", visitor, #""product_id": \#(sock.id)"#),
            event("cart_item_added", visitor, #""product_id": \#(sock.id), "quantity": 1, "cart_id": "\#(cart)""#),
        ], label: "browsing as a guest")

        let token = SandboxCustomerToken.mint(
            customer: customer, storeHash: sandbox.storeHash, clientSecret: sandbox.clientSecret ?? "", issuedAt: Date())
        let signedIn = #""customer_token": "\#(token)""#
        sent += try await post(pipeline, [
            event("cart_item_added", visitor, #""product_id": \#(shoe.id), "quantity": 2, "cart_id": "\#(cart)", \#(signedIn)"#),
            event("checkout_started", visitor, #""cart_id": "\#(cart)", "items": [{"product_id": \#(shoe.id), "quantity": 2}, {"product_id": \#(sock.id), "quantity": 1}], \#(signedIn)"#),
        ], label: "logged in as \(customer.email) (current-customer JWT)")

        guard let order = sandbox.orderEvents.placeOrder(
            channelID: 1, customerID: customer.id,
            items: [SandboxOrderItem(productID: shoe.id, quantity: 2), SandboxOrderItem(productID: sock.id, quantity: 1)],
            cartID: cart)
        else {
            checks.fail("the sandbox could not place the order")
            return nil
        }
        sent += try await post(pipeline, [
            event("order_purchased", visitor, #""order_id": \#(order.id), "items": [{"product_id": \#(shoe.id), "quantity": 2, "price": "1"}, {"product_id": \#(sock.id), "quantity": 1, "price": "1"}], \#(signedIn)"#),
        ], label: "bought: order \(order.id); BigCommerce sends its order webhooks")

        let logged = await checks.eventually(seconds: 15) {
            let forwarded = (try? await runtime.store.eventCounts()[.forwarded]) ?? 0
            return saleCalls(order.id).count == 1 && forwarded >= sent
        }
        _ = await sandbox.webhooks.waitUntilIdle(timeout: .seconds(15))
        let calls = sandbox.clerkStorage.logCalls(publicKey: main.clerkKeys.publicKey).filter {
            $0["visitor"]?.stringValue == visitor || $0["sale"]?.stringValue == String(order.id)
        }
        print("   Clerk calls for this shopper (store \(main.name)):")
        for call in calls {
            var parameters = call.parameters
            if case .object(let fields) = parameters { parameters = .object(fields.filter { $0.key != "visitor" }) }
            print("     \(call.endpoint) \(String(decoding: parameters.encoded(), as: UTF8.self))")
        }
        let sales = saleCalls(order.id)
        checks.expect(logged && sales.count == 1, "order \(order.id) logged to Clerk exactly once")
        if let sale = sales.first {
            checks.expect(
                sale["visitor"]?.stringValue == visitor && sale["customer"]?.stringValue == String(customer.id)
                    && sale["email"]?.stringValue == customer.email,
                "the sale carries the shopper's visitor, customer id and email (prices and lines from BigCommerce)")
        }
        let emails = calls.filter { $0.endpoint == "log/email" }
        checks.expect(emails.count == 1, "the verified email linked to the visitor once (log/email)")
        let views = calls.filter { $0.endpoint == "log/product" }.compactMap { $0["product"]?.intValue }
        checks.expect(views == [shoe.id, sock.id], "product views logged with parent product ids")
        return Shopper(visitor: visitor, email: customer.email, orderID: order.id)
    }

    private func saleCalls(_ orderID: Int) -> [ClerkLogCall] {
        sandbox.clerkStorage.logCalls().filter { $0.endpoint == "log/sale" && $0["sale"]?.stringValue == String(orderID) }
    }

    private func event(_ type: String, _ visitor: String, _ fields: String) -> String {
        let now = ISO8601DateFormatter().string(from: Date())
        return #"{"id": "\#(UUID().uuidString)", "type": "\#(type)", "visitor_id": "\#(visitor)", "occurred_at": "\#(now)", \#(fields)}"#
    }

    /// Posts a batch as the storefront script does and returns how many events were accepted.
    private func post(_ pipeline: LivePipeline, _ events: [String], label: String) async throws -> Int {
        var request = HTTPClientRequest(url: pipeline.eventsURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "text/plain;charset=UTF-8")
        request.body = .bytes(Array(#"{"events": [\#(events.joined(separator: ","))]}"#.utf8))
        let response = try await runtime.http.execute(request, timeout: .seconds(10))
        let answer = String(buffer: try await response.body.collect(upTo: 1 << 20))
        let accepted = answer.range(of: #""accepted":"#).flatMap { Int(answer[$0.upperBound...].prefix { $0.isNumber }) } ?? 0
        checks.expect(
            response.status.code == 200 && accepted == events.count,
            "\(label): \(events.count) event(s) → \(response.status.code) \(answer)")
        return accepted
    }
}
