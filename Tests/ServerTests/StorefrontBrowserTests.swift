import BigCommerceAPI
import Foundation
import Hummingbird
import Logging
import Server
import SyncEngine
import SyncStore
import Synchronization
import Testing

/// `storefront.js` in real headless Chromium: a storefront page on one loopback origin loads the script from
/// clerkbridge's HTTP app on another, fires BODL events, and the events reach `POST /v1/events` across CORS.
@Suite("storefront.js in headless Chromium", .serialized)
struct StorefrontBrowserTests {
    static let appClientID = "test-app-client-id"

    /// A current-customer JWT as BigCommerce would hand it out (the signature is not checked here).
    static func customerJWT() -> String {
        func part(_ json: String) -> String {
            Data(json.utf8).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        let now = Int(Date().timeIntervalSince1970)
        return part(#"{"typ":"JWT","alg":"HS256"}"#) + "."
            + part(#"{"customer":{"id":7,"email":"jo@example.com","group_id":"0"},"iss":"bc/apps","iat":\#(now),"exp":\#(now + 900),"operation":"current_customer","store_hash":"abc"}"#)
            + ".c2lnbmF0dXJl"
    }

    /// The storefront page: consent granted through `bc_consent`, the script from `app`, BODL defined late.
    static func page(app: String) -> String {
        #"""
        <!doctype html>
        <html><head><meta charset="utf-8"><title>storefront</title>
        <script>
          document.cookie = 'bc_consent=' + encodeURIComponent(JSON.stringify({ allow: [2, 3], deny: [4] })) + '; Path=/';
        </script>
        <script src="\#(app)/storefront.js?channel_id=1"></script>
        </head><body><p id="status">waiting</p>
        <script>
        (function () {
          var handlers = {};
          function group(name, events) {
            var out = {};
            events.forEach(function (event) {
              out[event] = function (handler) { (handlers[name + '.' + event] = handlers[name + '.' + event] || []).push(handler); };
            });
            return out;
          }
          function fire(name, payload) { (handlers[name] || []).forEach(function (handler) { handler(payload); }); }
          var lines = [
            { product_id: 111, variant_id: 77, sku: 'A', quantity: 2, base_price: 15, sale_price: 12.25, purchase_price: 12.25 },
            { product_id: '112', variant_id: null, sku: 'B', quantity: 1, base_price: 5, sale_price: 5, purchase_price: 5 }
          ];
          // BODL shows up after the script, as it can on a real page.
          setTimeout(function () {
            window.bodlEvents = {
              product: group('product', ['pageViewed', 'categoryViewed', 'searchPerformed']),
              cart: group('cart', ['addItem', 'removeItem', 'viewed']),
              checkout: group('checkout', ['checkoutBegin', 'orderPurchased']),
              consent: group('consent', ['loaded', 'updated'])
            };
            setTimeout(function () {
              fire('product.pageViewed', { event_id: 'b1', channel_id: 1, currency: 'EUR', product_value: 12.25, line_items: [lines[0]] });
              fire('product.categoryViewed', { event_id: 'b2', channel_id: 1, currency: 'USD', category_id: 23, category_name: 'Shoes', line_items: [] });
              fire('product.searchPerformed', { event_id: 'b3', channel_id: 1, currency: 'USD', search_keyword: 'red shoes', line_items: [] });
              fire('cart.addItem', { event_id: 'b4', channel_id: 1, currency: 'USD', cart_id: 'cart-abc', product_value: 29.5, line_items: lines });
              fire('checkout.checkoutBegin', { event_id: 'b5', channel_id: 1, currency: 'USD', cart_id: 'cart-abc', cart_value: 29.5, line_items: lines });
              window.clerkbridge.track('product_clicked', { product_id: 113, source: { api: 'recommendations/popular', position: 2, labels: ['Home'] } });
              fire('checkout.orderPurchased', { event_id: 'b6', channel_id: 1, currency: 'USD', order_id: 1234, cart_value: 29.5, shipping_cost: 0, tax: 0, coupon_codes: [], line_items: lines });
              document.getElementById('status').textContent = 'fired visitor=' + window.clerkbridge.visitor() + ' cookies=' + document.cookie;
            }, 600);
          }, 300);
        })();
        </script></body></html>
        """#
    }

    @Test(
        .enabled(if: Chromium.path != nil, "no chromium binary found: apt-get install chromium (.ci/run does) or set CHROMIUM"),
        .timeLimit(.minutes(2)))
    func bodlEventsReachTheEventsEndpointAcrossOrigins() async throws {
        // The page's origin first: the app's CORS allows exactly it.
        let pageRouter = Router()
        let appPort = try LoopbackServer.freePort()
        let app = "http://127.0.0.1:\(appPort)"
        let jwt = Self.customerJWT()
        let jwtRequests = JWTRequests()
        pageRouter.get("/page.html") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: Self.page(app: app))))
        }
        pageRouter.get("/customer/current.jwt") { request, _ -> Response in
            jwtRequests.increment()
            guard request.uri.queryParameters["app_client_id"].map(String.init) == Self.appClientID else {
                return Response(status: .notFound)
            }
            return Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: jwt)))
        }
        let pageServer = try await LoopbackServer.start(pageRouter)

        // clerkbridge's HTTP app, with a capture of POST /v1/events that fails the first batch once.
        let capture = EventCapture(allowedOrigin: pageServer.origin, failFirst: 1)
        let store = try SQLiteSyncStore.inMemory()
        let receiver = WebhookReceiver(
            authenticator: WebhookAuthenticator(sharedSecret: "s", clientSecret: nil), inbox: store, storeHash: "abc",
            signal: WorkSignal(), logger: Logger(label: "test"))
        let script = StorefrontScriptRoute(configuration: StorefrontScriptConfiguration(
            publicURL: app,
            storefronts: [
                StorefrontScriptStorefront(name: "us", channelID: 1, currency: "USD", locale: "en"),
                StorefrontScriptStorefront(name: "eu", channelID: 1, currency: "EUR", locale: "de"),
            ],
            appClientID: Self.appClientID))
        let router = ServerRoutes.router(
            receiver: receiver, readiness: StoreReadiness(queue: store, expectWorkers: false), storefrontScript: script)
        capture.register(on: router)
        let appServer: LoopbackServer
        do {
            appServer = try await LoopbackServer.start(router, port: appPort)
        } catch {
            await pageServer.shutdown()
            throw error
        }
        do {
            try await Self.exercise(pageOrigin: pageServer.origin, capture: capture, jwt: jwt, jwtRequests: jwtRequests)
        } catch {
            await appServer.shutdown()
            await pageServer.shutdown()
            throw error
        }
        await appServer.shutdown()
        await pageServer.shutdown()
    }

    /// Loads the page in Chromium and checks what reached the capture.
    static func exercise(pageOrigin: String, capture: EventCapture, jwt: String, jwtRequests: JWTRequests) async throws {
        let started = ContinuousClock.now
        let run = try await Chromium.dumpDOM("\(pageOrigin)/page.html", virtualTime: .seconds(10))
        let expectedTypes: Set<String> = [
            "product_viewed", "category_viewed", "search_performed", "cart_item_added", "checkout_started",
            "product_clicked", "order_purchased",
        ]
        let deadline = ContinuousClock.now + .seconds(20)
        while Set(capture.accepted.compactMap { $0["type"] as? String }) != expectedTypes, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        let elapsed = ContinuousClock.now - started
        let events = capture.accepted
        #expect(!run.timedOut, "chromium ran past its time limit")
        try #require(
            Set(events.compactMap { $0["type"] as? String }) == expectedTypes,
            "events: \(events.compactMap { $0["type"] }); posts: \(capture.posts.map(\.status)); DOM: \(run.dom.suffix(400)); stderr: \(run.stderrTail)")

        // Every batch was a CORS-simple text/plain POST from the page's origin, valid by EventBatch.parse.
        #expect(capture.preflights == 0)
        #expect(capture.posts.allSatisfy { $0.origin == pageOrigin && $0.contentType?.hasPrefix("text/plain") == true })
        #expect(capture.rejections.isEmpty, "\(capture.rejections)")
        #expect(capture.posts.first?.status == 503 && capture.posts.dropFirst().contains { $0.status == 200 }, "retried after the 503")
        #expect(Set(events.compactMap { $0["id"] as? String }).count == events.count, "no accepted event is sent twice")

        // One visitor, kept in the first-party cookie because bc_consent grants analytics.
        let visitors = Set(events.compactMap { $0["visitor_id"] as? String })
        let visitor = try #require(visitors.first)
        #expect(visitors.count == 1)
        #expect(visitor.range(of: "^[A-Za-z0-9]{16}$", options: .regularExpression) != nil)
        #expect(run.dom.contains("fired visitor=\(visitor)"))
        #expect(run.dom.contains("clerkbridge_vid=\(visitor)"))

        // The customer token from /customer/current.jwt rides on every event; fetched once.
        #expect(events.allSatisfy { $0["customer_token"] as? String == jwt })
        #expect(jwtRequests.count == 1)

        func one(_ type: String) -> [String: Any] { events.first { $0["type"] as? String == type } ?? [:] }
        let viewed = one("product_viewed")
        #expect(viewed["product_id"] as? Int == 111 && viewed["variant_id"] as? Int == 77)
        #expect(viewed["storefront"] as? String == "eu", "the storefront whose currency matches the event's")
        #expect(one("category_viewed")["category_id"] as? Int == 23)
        #expect(one("category_viewed")["storefront"] as? String == "us")
        #expect(one("search_performed")["query"] as? String == "red shoes")
        let added = events.filter { $0["type"] as? String == "cart_item_added" }
        #expect(added.count == 2)
        #expect(added.allSatisfy { $0["cart_id"] as? String == "cart-abc" })
        #expect(added.map { $0["product_id"] as? Int } == [111, 112])
        #expect(added.map { $0["quantity"] as? Int } == [2, 1])
        #expect(added.first?["variant_id"] as? Int == 77 && added.last?["variant_id"] == nil)
        let checkout = one("checkout_started")
        #expect(checkout["cart_id"] as? String == "cart-abc")
        #expect((checkout["items"] as? [[String: Any]])?.map { $0["product_id"] as? Int } == [111, 112])
        let clicked = one("product_clicked")
        #expect(clicked["product_id"] as? Int == 113)
        #expect((clicked["source"] as? [String: Any])?["position"] as? Int == 2)
        let order = one("order_purchased")
        #expect(order["order_id"] as? Int == 1234)
        let items = try #require(order["items"] as? [[String: Any]])
        #expect(items.map { $0["price"] as? String } == ["12.25", "5"])
        #expect(items.map { $0["quantity"] as? Int } == [2, 1])
        #expect(items.first?["variant_id"] as? Int == 77)
        for event in events {
            let occurredAt = try #require(event["occurred_at"] as? String)
            #expect(occurredAt.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"#, options: .regularExpression) != nil)
        }
        #expect(elapsed < .seconds(60))
    }
}

/// Counts `/customer/current.jwt` requests.
final class JWTRequests: Sendable {
    let value = Mutex(0)
    func increment() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}
