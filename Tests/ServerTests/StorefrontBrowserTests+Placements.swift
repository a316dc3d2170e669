import CatalogMapping
import Foundation
import Hummingbird
import Server
import Storefront
import Synchronization
import Testing

/// `storefront.js` fills a placement element in real headless Chromium from `GET /v1/recommendations?format=html`
/// and reports a click on a product Clerk chose as `product_clicked` with its `api`, `position` and `labels`;
/// a click on a product the fallback filled in is not reported. Part of the serialized browser suite: two
/// headless Chromiums at once hang on this machine.
extension StorefrontBrowserTests {
    /// `/v1/recommendations` answering one fixed placement as the real route renders it, recording the queries;
    /// the `/v1` routes' CORS middleware lets the page read it.
    final class PlacementStub: ShopperRoute {
        let queries = Mutex<[[String: String]]>([])

        func addRoutes(to group: RouterGroup<ServerRequestContext>) {
            group.get("recommendations") { request, _ -> Response in
                var query: [String: String] = [:]
                for (name, value) in request.uri.formQueryParameters { query[String(name)] = String(value) }
                self.queries.withLock { $0.append(query) }
                let html = try PlacementRenderer().render(Self.answer)
                return Response(
                    status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: html)))
            }
        }

        static let answer: Recommendations = {
            let usd = SourceCurrency(
                code: "USD", exchangeRate: 1, decimalPlaces: 2, isDefault: true,
                display: CurrencyDisplay(token: "$", tokenOnLeft: true, decimalToken: ".", thousandsToken: ","))
            let cards = [7, 9].map { id in
                ProductCard(document: Array(##"{"id":\##(id),"name":"P\##(id)","url":"#p\##(id)","price":\##(id)}"##.utf8), currency: usd)!
            }
            return Recommendations(
                storefront: "us", placement: "product_complementary", labels: ["Product - Bought together"],
                source: .clerk, currency: "USD",
                items: [.init(card: cards[0], position: 0, api: "recommendations/complementary"), .init(card: cards[1], position: 1)],
                api: "recommendations/complementary")
        }()
    }

    static let placementPage = #"""
        <!doctype html>
        <html><head><meta charset="utf-8"><title>product</title>
        <script src="APP/storefront.js?channel_id=1"></script>
        </head><body>
        <div id="slot" data-clerkbridge-placement="product_complementary" data-product="8" data-currency="EUR"></div>
        <p id="status">waiting</p>
        <script>
        var poll = setInterval(function () {
          var slot = document.getElementById('slot');
          if (slot.getAttribute('data-clerkbridge-state') !== 'filled') return;
          clearInterval(poll);
          var links = slot.querySelectorAll('a[data-clerkbridge-product]');
          links[1].click(); // filled in by the fallback: not Clerk's to hear of
          links[0].click();
          window.clerkbridge.render(); // nothing changed: not asked again
          slot.setAttribute('data-product', '9'); // a single-page app moved on to another product
          window.clerkbridge.render();
          window.clerkbridge.flush().then(function () {
            document.getElementById('status').textContent = 'clicked ' + links.length;
          });
        }, 50);
        </script></body></html>
        """#

    @Test(
        .enabled(if: Chromium.path != nil, "no chromium binary found: apt-get install chromium (.ci/run does) or set CHROMIUM"),
        .timeLimit(.minutes(2)))
    func aPlacementIsFilledAndAClickOnClerksProductIsReported() async throws {
        let stub = PlacementStub()
        let pages: [String: @Sendable (String) -> String] = ["/product.html": { Self.placementPage.replacingOccurrences(of: "APP", with: $0) }]
        try await StorefrontHarness.with(pages: pages, jwt: nil, shopperRoutes: [stub]) { harness in
            let run = try await Chromium.dumpDOM("\(harness.pageOrigin)/product.html", virtualTime: .seconds(10))
            let stored = try await harness.eventually { try await harness.storedCount() >= 1 }
            try #require(stored, "DOM: \(run.dom.suffix(600)); stderr: \(run.stderrTail)")
            #expect(run.dom.contains("clicked 2"), "\(run.dom.suffix(600))")

            let queries = stub.queries.withLock { $0 }
            let query = try #require(queries.first)
            #expect(query["format"] == "html" && query["placement"] == "product_complementary")
            #expect(query["product"] == "8" && query["storefront"] == "eu", "the EUR storefront, from data-currency")
            #expect(query["customer_token"] == nil, "only customer placements carry the JWT")
            #expect(queries.map { $0["product"] } == ["8", "9"], "asked again only when its context changed: \(queries)")
            #expect(query["visitor"].map { $0.count == 16 && $0.allSatisfy { $0.isLetter || $0.isNumber } } == true)

            let events = try await harness.storedEvents()
            #expect(events.count == 1, "only the click on Clerk's product: \(events)")
            let click = try #require(events.first)
            #expect(click["type"] as? String == "product_clicked" && click["product_id"] as? Int == 7)
            #expect(click["visitor_id"] as? String == query["visitor"] && click["stored_storefront"] as? String == "eu")
            let source = try #require(click["source"] as? [String: Any])
            #expect(source["api"] as? String == "recommendations/complementary" && source["position"] as? Int == 0)
            #expect(source["labels"] as? [String] == ["Product - Bought together"])
        }
    }
}
