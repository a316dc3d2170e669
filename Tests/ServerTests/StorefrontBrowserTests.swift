import BigCommerceAPI
import Crypto
import Foundation
import Hummingbird
import Logging
import Server
import SyncEngine
import SyncStore
import Synchronization
import Testing

/// `storefront.js` in real headless Chromium: a storefront page on one loopback origin loads the script from
/// clerkbridge's HTTP app on another, fires BODL events, and the events reach the real `POST /v1/events`
/// across CORS and are stored by the durable intake.
@Suite("storefront.js in headless Chromium", .serialized)
struct StorefrontBrowserTests {
    static let appClientID = StorefrontHarness.appClientID

    /// A current-customer JWT as BigCommerce hands it out: HS256 with the app's client secret, valid 15 minutes.
    static func customerJWT() -> String {
        func part(_ bytes: some DataProtocol) -> String {
            Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        let now = Int(Date().timeIntervalSince1970)
        let signed = part(Data(#"{"typ":"JWT","alg":"HS256"}"#.utf8)) + "."
            + part(Data(#"{"customer":{"id":7,"email":"jo@example.com","group_id":"0"},"iss":"bc/apps","iat":\#(now),"exp":\#(now + 900),"operation":"current_customer","store_hash":"\#(StorefrontHarness.storeHash)"}"#.utf8))
        let key = SymmetricKey(data: Data(StorefrontHarness.clientSecret.utf8))
        return signed + "." + part(Data(HMAC<SHA256>.authenticationCode(for: Data(signed.utf8), using: key)))
    }

    /// `value` (a JSON number or string) as a decimal.
    static func decimal(_ value: Any?) -> Decimal? {
        if let text = value as? String { return Decimal(string: text) }
        if let number = value as? NSNumber { return Decimal(string: "\(number)") }
        return nil
    }

    /// The events of the POSTs answered 200, as the script sent them.
    static func sentEvents(_ requests: RequestLog) -> [[String: Any]] {
        requests.posts.filter { $0.status == 200 }.flatMap { post -> [[String: Any]] in
            let json = (try? JSONSerialization.jsonObject(with: Data(post.body))) as? [String: Any]
            return json?["events"] as? [[String: Any]] ?? []
        }
    }

    /// The storefront page of a returning visitor: consent granted through `bc_consent`, the visitor cookie of an
    /// earlier visit, the script from `app`, BODL defined late.
    static func page(app: String) -> String {
        #"""
        <!doctype html>
        <html><head><meta charset="utf-8"><title>storefront</title>
        <script>
          document.cookie = 'bc_consent=' + encodeURIComponent(JSON.stringify({ allow: [2, 3], deny: [4] })) + '; Path=/';
          document.cookie = 'clerkbridge_vid=Returning0visitor; Path=/'; // from an earlier visit
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
              fire('cart.removeItem', { event_id: 'b7', channel_id: 1, currency: 'USD', cart_id: 'cart-abc', product_value: 5, line_items: [lines[1]] });
              fire('cart.viewed', { event_id: 'b8', channel_id: 1, currency: 'USD', cart_id: 'cart-abc', cart_value: 24.5, line_items: [lines[0]] });
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
        let jwt = Self.customerJWT()
        // The database is gone for the first batch (503): the script must retry it.
        let pages: [String: @Sendable (String) -> String] = ["/page.html": { Self.page(app: $0) }]
        try await StorefrontHarness.with(pages: pages, jwt: jwt, jwtAsJSON: true, failStores: 1) { harness in
            try await Self.exercise(harness, jwt: jwt)
        }
    }

    /// Loads the page in Chromium and checks what reached the events endpoint and the store.
    static func exercise(_ harness: StorefrontHarness, jwt: String) async throws {
        let pageOrigin = harness.pageOrigin
        let requests = harness.requests
        let started = ContinuousClock.now
        let run = try await Chromium.dumpDOM("\(pageOrigin)/page.html", virtualTime: .seconds(10))
        // product, category, search, 2 cart lines added, 1 removed, the cart viewed, checkout, click, order.
        let stored = try await harness.eventually { try await harness.storedCount() >= 10 }
        let elapsed = ContinuousClock.now - started
        #expect(!run.timedOut, "chromium ran past its time limit")
        let count = try await harness.storedCount()
        try #require(
            stored,
            "stored \(count); posts: \(requests.posts.map(\.status)); DOM: \(run.dom.suffix(400)); stderr: \(run.stderrTail)")
        let events = try await harness.storedEvents()
        #expect(events.count == 10)

        // Every batch was a CORS-simple text/plain POST from the page's origin (no preflight), none rejected.
        #expect(requests.all.allSatisfy { $0.method == "POST" }, "no preflight")
        #expect(requests.posts.allSatisfy { $0.origin == pageOrigin && $0.contentType?.hasPrefix("text/plain") == true })
        #expect(requests.posts.first?.status == 503 && requests.posts.dropFirst().contains { $0.status == 200 }, "retried after the 503")
        let acceptedIDs = requests.acceptedBatches.flatMap { $0 }
        #expect(Set(acceptedIDs).count == acceptedIDs.count, "no accepted event is sent twice")
        #expect(Set(acceptedIDs) == Set(events.compactMap { $0["id"] as? String }))
        for post in requests.posts where post.status == 200 {
            #expect(String(decoding: post.body, as: UTF8.self).contains(#""rejected""#) == false)
        }
        for event in Self.sentEvents(requests) {
            let occurredAt = try #require(event["occurred_at"] as? String)
            #expect(occurredAt.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"#, options: .regularExpression) != nil)
            #expect((event["id"] as? String).map { $0.count <= 64 } == true)
        }

        // The returning visitor's id from the first-party cookie, which bc_consent allows.
        #expect(Set(events.compactMap { $0["visitor_id"] as? String }) == ["Returning0visitor"])
        #expect(run.dom.contains("fired visitor=Returning0visitor"))
        #expect(run.dom.contains("clerkbridge_vid=Returning0visitor"))

        // The customer token from /customer/current.jwt rides on every event, fetched once, and verifies.
        #expect(Self.sentEvents(requests).allSatisfy { $0["customer_token"] as? String == jwt })
        #expect(events.allSatisfy { ($0["verified_customer"] as? [String: Any])?["id"] as? Int == 7 })
        #expect(harness.jwtRequests.count == 1)

        func one(_ type: String) -> [String: Any] { events.first { $0["type"] as? String == type } ?? [:] }
        let viewed = one("product_viewed")
        #expect(viewed["product_id"] as? Int == 111 && viewed["variant_id"] as? Int == 77)
        #expect(viewed["stored_storefront"] as? String == "eu", "the storefront whose currency matches the event's")
        #expect(one("category_viewed")["category_id"] as? Int == 23)
        #expect(one("category_viewed")["stored_storefront"] as? String == "us")
        #expect(one("search_performed")["query"] as? String == "red shoes")
        let added = events.filter { $0["type"] as? String == "cart_item_added" }
        #expect(added.count == 2)
        #expect(added.allSatisfy { $0["cart_id"] as? String == "cart-abc" })
        #expect(added.map { $0["product_id"] as? Int }.sorted { ($0 ?? 0) < ($1 ?? 0) } == [111, 112])
        let byProduct = Dictionary(uniqueKeysWithValues: added.map { ($0["product_id"] as? Int ?? 0, $0) })
        #expect(byProduct[111]?["quantity"] as? Int == 2 && byProduct[112]?["quantity"] as? Int == 1)
        #expect(byProduct[111]?["variant_id"] as? Int == 77 && byProduct[112]?["variant_id"] == nil)
        let removed = one("cart_item_removed")
        #expect(removed["product_id"] as? Int == 112 && removed["quantity"] as? Int == 1)
        #expect(removed["cart_id"] as? String == "cart-abc" && removed["variant_id"] == nil)
        let cart = one("cart_updated")
        #expect(cart["cart_id"] as? String == "cart-abc")
        let cartItems = try #require(cart["items"] as? [[String: Any]])
        #expect(cartItems.count == 1 && cartItems.first?["product_id"] as? Int == 111)
        #expect(cartItems.first?["variant_id"] as? Int == 77 && cartItems.first?["quantity"] as? Int == 2)
        let checkout = one("checkout_started")
        #expect(checkout["cart_id"] as? String == "cart-abc")
        #expect((checkout["items"] as? [[String: Any]])?.map { $0["product_id"] as? Int } == [111, 112])
        let clicked = one("product_clicked")
        #expect(clicked["product_id"] as? Int == 113)
        #expect((clicked["source"] as? [String: Any])?["position"] as? Int == 2)
        let order = one("order_purchased")
        #expect(order["order_id"] as? Int == 1234)
        let items = try #require(order["items"] as? [[String: Any]])
        #expect(items.map { Self.decimal($0["price"]) } == [Decimal(string: "12.25"), Decimal(5)])
        #expect(items.map { $0["quantity"] as? Int } == [2, 1])
        #expect(items.first?["variant_id"] as? Int == 77)
        #expect(elapsed < .seconds(60))
    }

    /// Page A (in a frame of the top page): no consent cookie; the visitor lives in sessionStorage; `clerkbridge.consent(true)` stores it in a
    /// cookie, a BODL `consent.updated` denying analytics removes it; two events, then leaving for page B before
    /// the flush timer fires, so they go by `sendBeacon`.
    static func consentPage(app: String) -> String {
        #"""
        <!doctype html>
        <html><head><meta charset="utf-8"><title>a</title>
        <script>
          var handlers = {};
          window.bodlEvents = { consent: { updated: function (handler) { handlers.updated = handler; } } };
        </script>
        <script src="\#(app)/storefront.js"></script>
        </head><body>
        <script>
          setTimeout(function () {
            var seen = { visitor: window.clerkbridge.visitor() };
            seen.cookieAtFirst = document.cookie.indexOf('clerkbridge_vid=') >= 0;
            seen.session = sessionStorage.getItem('clerkbridge.vid');
            window.clerkbridge.consent(true);
            seen.cookieAfterGrant = document.cookie.indexOf('clerkbridge_vid=' + seen.visitor) >= 0;
            handlers.updated({ allow: [2], deny: [3, 4] });
            seen.cookieAfterDeny = document.cookie.indexOf('clerkbridge_vid=') >= 0;
            seen.visitorAfterDeny = window.clerkbridge.visitor();
            seen.tracked = window.clerkbridge.track('product_viewed', { product_id: 5 });
            window.clerkbridge.track('cart_item_added', { product_id: 6, quantity: 3, cart_id: 'c-1', currency: 'EUR' });
            window.clerkbridge.track('no_such_type', { product_id: 1 });
            sessionStorage.setItem('test.a', JSON.stringify(seen));
            location.href = '/b.html';
          }, 100);
        </script></body></html>
        """#
    }

    /// The top page: pages A and B run in a frame, because headless Chromium's `--dump-dom` does not finish
    /// after a top-level navigation; B reports into this page's DOM.
    static let topPage = #"<!doctype html><html><body><p id="status">waiting</p><iframe src="/a.html"></iframe></body></html>"#

    /// Page B: the same session, one more event, and what page A saw.
    static func secondPage(app: String) -> String {
        #"""
        <!doctype html>
        <html><head><meta charset="utf-8"><title>b</title>
        <script src="\#(app)/storefront.js"></script>
        </head><body><p id="status">waiting</p>
        <script>
          window.clerkbridge.track('product_viewed', { product_id: 7 });
          window.clerkbridge.flush().then(function () {
            parent.document.getElementById('status').textContent = 'b visitor=' + window.clerkbridge.visitor() +
              ' a=' + sessionStorage.getItem('test.a') + ' queue=' + sessionStorage.getItem('clerkbridge.queue');
          });
        </script></body></html>
        """#
    }

    @Test(
        .enabled(if: Chromium.path != nil, "no chromium binary found: apt-get install chromium (.ci/run does) or set CHROMIUM"),
        .timeLimit(.minutes(2)))
    func consentDecidesTheCookieAndLeavingThePageSendsByBeacon() async throws {
        let pages: [String: @Sendable (String) -> String] = [
            "/top.html": { _ in Self.topPage }, "/a.html": { Self.consentPage(app: $0) }, "/b.html": { Self.secondPage(app: $0) },
        ]
        try await StorefrontHarness.with(pages: pages, jwt: nil) { harness in
            let run = try await Chromium.dumpDOM("\(harness.pageOrigin)/top.html", virtualTime: .seconds(10))
            let arrived = try await harness.eventually { try await harness.storedCount() >= 3 }
            #expect(!run.timedOut, "chromium ran past its time limit")
            let count = try await harness.storedCount()
            try #require(
                arrived,
                "stored \(count); DOM: \(run.dom.suffix(600)); stderr: \(run.stderrTail)")
            let events = try await harness.storedEvents()
            #expect(events.compactMap { $0["product_id"] as? Int }.sorted() == [5, 6, 7], "no unknown type, nothing twice")
            let sentIDs = Self.sentEvents(harness.requests).compactMap { $0["id"] as? String }
            #expect(Set(sentIDs).count == sentIDs.count, "nothing sent twice")

            // Page A's two events left by beacon (no-cors) when the page went away; page B's by fetch (cors).
            let beacon = harness.requests.posts.filter { $0.fetchMode == "no-cors" }
            let beaconTypes = beacon.flatMap { post -> [String] in
                let json = (try? JSONSerialization.jsonObject(with: Data(post.body))) as? [String: Any]
                return (json?["events"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String }
            }
            #expect(beaconTypes.sorted() == ["cart_item_added", "product_viewed"], "\(harness.requests.posts.map(\.fetchMode))")
            #expect(harness.requests.posts.contains { $0.fetchMode == "cors" })
            #expect(harness.requests.posts.allSatisfy {
                $0.origin == harness.pageOrigin && $0.contentType?.hasPrefix("text/plain") == true && $0.status == 200
            })

            // One visitor for the session across both pages; the cookie only while consent was granted.
            let visitor = try #require(events.first?["visitor_id"] as? String)
            #expect(visitor.range(of: "^[A-Za-z0-9]{16}$", options: .regularExpression) != nil, "a new visitor: 16 random characters")
            #expect(events.allSatisfy { $0["visitor_id"] as? String == visitor })
            #expect(run.dom.contains("b visitor=\(visitor) "))
            #expect(run.dom.contains(#""cookieAtFirst":false"#))
            #expect(run.dom.contains(#""session":"\#(visitor)""#))
            #expect(run.dom.contains(#""cookieAfterGrant":true"#))
            #expect(run.dom.contains(#""cookieAfterDeny":false"#))
            #expect(run.dom.contains(#""visitorAfterDeny":"\#(visitor)""#))
            #expect(run.dom.contains("queue=null"), "nothing left unsent")

            // A guest: /customer/current.jwt answered 404 once per page (two pages; a token is never kept across
            // pages, so a logout takes effect on the next one), no token on events.
            #expect(harness.jwtRequests.count == 2)
            #expect(Self.sentEvents(harness.requests).allSatisfy { $0["customer_token"] == nil })
            #expect(events.allSatisfy { $0["verified_customer"] == nil })
            let cart = try #require(events.first { $0["type"] as? String == "cart_item_added" })
            #expect(cart["stored_storefront"] as? String == "eu" && cart["cart_id"] as? String == "c-1")
            let sentCart = try #require(Self.sentEvents(harness.requests).first { $0["type"] as? String == "cart_item_added" })
            #expect(sentCart["currency"] == nil, "currency picks the storefront and is not sent")
            #expect(cart["quantity"] as? Int == 3)
        }
    }

    /// A burst of events too large for one keepalive request: 400 searches of 256 characters each (about 150 KB).
    static let burstPage = #"""
        <!doctype html>
        <html><head><meta charset="utf-8"><title>burst</title>
        <script>window.clerkbridge_debug = true;</script>
        <script src="APP/storefront.js"></script>
        </head><body><p id="status">waiting</p>
        <script>
          var query = new Array(257).join('q');
          for (var i = 0; i < 400; i++) window.clerkbridge.track('search_performed', { query: query.slice(0, 250) + i });
          window.clerkbridge.flush().then(function () {
            document.getElementById('status').textContent = 'queue=' + sessionStorage.getItem('clerkbridge.queue');
          });
        </script></body></html>
        """#

    @Test(
        .enabled(if: Chromium.path != nil, "no chromium binary found: apt-get install chromium (.ci/run does) or set CHROMIUM"),
        .timeLimit(.minutes(2)))
    func aBurstIsSentInBodiesUnderTheKeepaliveLimit() async throws {
        let pages: [String: @Sendable (String) -> String] = [
            "/burst.html": { Self.burstPage.replacingOccurrences(of: "APP", with: $0) },
        ]
        let jwt = Self.customerJWT()
        // The bare-token answer (the other test gets the JSON one).
        try await StorefrontHarness.with(pages: pages, jwt: jwt) { harness in
            let run = try await Chromium.dumpDOM("\(harness.pageOrigin)/burst.html", virtualTime: .seconds(10))
            let arrived = try await harness.eventually { try await harness.storedCount() >= 400 }
            #expect(!run.timedOut, "chromium ran past its time limit")
            let count = try await harness.storedCount()
            try #require(arrived, "stored \(count); DOM: \(run.dom.suffix(300)); stderr: \(run.stderrTail)")
            #expect(count == 400)
            let posts = harness.requests.posts
            #expect(posts.count >= 3, "150 KB cannot go in fewer than three 60 KB bodies")
            #expect(posts.allSatisfy { $0.body.count <= 60_000 && $0.status == 200 }, "\(posts.map(\.body.count))")
            #expect(harness.requests.acceptedBatches.allSatisfy { $0.count <= 500 })
            let ids = harness.requests.acceptedBatches.flatMap { $0 }
            #expect(ids.count == 400 && Set(ids).count == 400, "each event sent once")
            #expect(run.dom.contains("queue=null"), "\(posts.map { ($0.status, $0.body.count) })")
            #expect(Self.sentEvents(harness.requests).allSatisfy { $0["customer_token"] as? String == jwt })
        }
    }
}
