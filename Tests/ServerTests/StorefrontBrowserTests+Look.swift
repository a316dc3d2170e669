import CatalogMapping
import Foundation
import Hummingbird
import Server
@testable import Storefront
import Synchronization
import Testing

/// The default look in real headless Chromium: every placement of a shop page becomes a grid of product cards
/// (the built-in template, `storefront.css` loaded by the script), short on a desktop and two across on a phone;
/// an email block keeps to rows of its `columns` in a 600 px viewport; and a page on an origin that is not a
/// storefront's keeps its slots' own content and says why in the console.
extension StorefrontBrowserTests {
    /// `/v1/recommendations` answering every placement with eight cards rendered by the built-in template, as the
    /// real route does with `format=html` (`nope` is refused as the real route refuses an unknown placement), and
    /// `/v1/search` answering ten results for the query it records.
    final class LookStub: ShopperRoute {
        let searches = Mutex<[String]>([])

        func addRoutes(to group: RouterGroup<ServerRequestContext>) {
            group.get("search") { request, _ -> Response in
                let query = request.uri.formQueryParameters["q"].map(String.init)
                self.searches.withLock { $0.append(query ?? "") }
                let results = SearchResults(
                    query: query, total: 31, page: 1, limit: 10, sort: "relevance", currency: "USD",
                    items: (40..<50).map { LookCatalog.card($0) }, facets: [])
                return Response(
                    status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: try SearchResultsRenderer().render(results))))
            }
            group.get("recommendations") { request, _ -> Response in
                let placement = request.uri.formQueryParameters["placement"].map(String.init) ?? ""
                guard placement != "nope" else {
                    throw APIError(
                        .notFound, code: "unknown_placement", message: #"placement "nope" is not configured (cart, home)"#)
                }
                let html = try PlacementRenderer().render(LookCatalog.recommendations(placement))
                return Response(
                    status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: html)))
            }
        }
    }

    /// Products as a shop has them: long and short names, sales, ratings, one out of stock, portrait photos.
    enum LookCatalog {
        static let usd = SourceCurrency(
            code: "USD", exchangeRate: 1, decimalPlaces: 2, isDefault: true,
            display: CurrencyDisplay(token: "$", tokenOnLeft: true, decimalToken: ".", thousandsToken: ","))
        static let names = [
            "Nordic oak floor lamp with linen shade and a dimmer switch for the living room", "Copper planter",
            "Velvet cushion", "Granite coffee tumbler, insulated, 350 ml", "Linen armchair", "Smart desk lamp",
            "Rustic bamboo shelf", "Crème wool rug 160 × 230 cm",
        ]

        /// A 500×659 photo-like SVG (the sandbox catalog's size), as a data URI.
        static func photo(_ id: Int, host: String? = nil) -> String {
            let hue = (id * 47) % 360
            let svg = """
                <svg xmlns="http://www.w3.org/2000/svg" width="500" height="659" viewBox="0 0 500 659">\
                <rect width="500" height="659" fill="hsl(\(hue),30%,92%)"/>\
                <circle cx="250" cy="300" r="150" fill="hsl(\(hue),45%,55%)"/></svg>
                """
            if let host { return "\(host)/\(id).svg" }
            return "data:image/svg+xml;base64," + Data(svg.utf8).base64EncodedString()
        }

        static func card(_ id: Int, imageHost: String? = nil) -> ProductCard {
            var fields: [String: Any] = [
                "id": id, "name": names[id % names.count], "url": "/products/\(id)/", "image": photo(id, host: imageHost),
                "price": 19 + id * 7, "in_stock": id % 8 != 3, "brand": ["Nordlys", "Ferm", "Hay"][id % 3],
            ]
            if id % 3 == 0 {
                fields["list_price"] = 29 + id * 9
                fields["on_sale"] = true
            }
            if id % 4 != 1 {
                fields["rating"] = [4.5, 3.2, 5, 4.1][id % 4]
                fields["review_count"] = id * 3
            }
            let document = try! JSONSerialization.data(withJSONObject: fields)
            return ProductCard(document: Array(document), currency: usd)!
        }

        static func recommendations(_ placement: String) -> Recommendations {
            let start = placement.count * 3
            return Recommendations(
                storefront: "us", placement: placement, labels: ["Look"], source: .clerk, currency: "USD",
                items: (0..<8).map { .init(card: card(start + $0), position: $0, api: "recommendations/popular") },
                api: "recommendations/popular")
        }
    }

    /// Records the page's `console.warn` calls in `window.warnings`, before the script loads.
    static let warningRecorder = """
        <script>
          window.warnings = [];
          var originalWarn = console.warn;
          console.warn = function () { window.warnings.push([].slice.call(arguments).join(' ')); originalWarn.apply(console, arguments); };
        </script>
        """

    /// A shop page with every placement (each slot with its own content first); once the script settled every slot,
    /// it writes what it measured as JSON into `#result` (its parent's, inside a frame).
    static func shopPage(app: String) -> String {
        #"""
        <!doctype html>
        <html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>shop</title>
        <style>body { margin: 0; font-family: sans-serif } main { max-width: 1200px; margin: 0 auto; padding: 0 16px }</style>
        \#(warningRecorder)
        <script src="\#(app)/storefront.js?channel_id=1"></script>
        </head><body><main>
        <h2>Trending now</h2><div data-clerkbridge-placement="home"><p>loading</p></div>
        <h2>Popular in lighting</h2><div data-clerkbridge-placement="category" data-category="12"></div>
        <h2>Similar products</h2><div data-clerkbridge-placement="product_alternatives" data-product="8"></div>
        <h2>Goes well with</h2><div data-clerkbridge-placement="product_complementary" data-product="8"></div>
        <h2>Complete your cart</h2><div data-clerkbridge-placement="cart" data-cart="8,9"></div>
        <h2>You may also like</h2><div data-clerkbridge-placement="post_purchase" data-order="100"></div>
        <h2>Search</h2><div data-clerkbridge-search data-limit="10"></div>
        <h2>Misconfigured</h2><div data-clerkbridge-placement="nope"><p id="own">Our favourites</p></div>
        </main>
        <pre id="result">waiting</pre>
        <script>
        var poll = setInterval(function () {
          var slots = [].slice.call(document.querySelectorAll('[data-clerkbridge-query]'));
          var settled = slots.every(function (slot) { return /^(filled|failed|empty)$/.test(slot.getAttribute('data-clerkbridge-state')); });
          if (slots.length < 8 || !settled) return;
          clearInterval(poll);
          var report = { width: window.innerWidth, warnings: window.warnings, slots: [],
            stylesheets: document.querySelectorAll('link[data-clerkbridge-styles]').length,
            firstInHead: document.head.firstElementChild.getAttribute('data-clerkbridge-styles') };
          slots.forEach(function (slot) {
            var cards = [].slice.call(slot.querySelectorAll('.clerkbridge-card'));
            var lefts = {}, tallest = 0, square = true, wholeCard = true, focusable = true, images = true;
            cards.forEach(function (card) {
              card.scrollIntoView();
              var box = card.getBoundingClientRect();
              lefts[Math.round(box.left)] = true;
              tallest = Math.max(tallest, box.height);
              var frame = card.querySelector('.clerkbridge-media').getBoundingClientRect();
              square = square && Math.abs(frame.width - frame.height) <= 1 && frame.width > 0;
              var link = card.querySelector('a.clerkbridge-link');
              // The whole card is the link: the middle of the image frame hits it.
              var hit = document.elementFromPoint(frame.left + frame.width / 2, frame.top + frame.height / 2);
              wholeCard = wholeCard && hit === link;
              link.focus();
              focusable = focusable && document.activeElement === link;
              var image = card.querySelector('img');
              images = images && !!image && image.alt.length > 0 && image.loading === 'lazy' &&
                image.getAttribute('width') === image.getAttribute('height') &&
                image.getBoundingClientRect().height <= frame.height + 1;
            });
            var grid = slot.querySelector('.clerkbridge-grid');
            report.slots.push({
              placement: slot.getAttribute('data-clerkbridge-placement') || 'search', state: slot.getAttribute('data-clerkbridge-state'),
              cards: cards.length, columns: Object.keys(lefts).length, tallest: Math.round(tallest),
              display: grid ? getComputedStyle(grid).display : null, square: square, wholeCard: wholeCard,
              focusable: focusable, images: images, text: slot.textContent.trim(),
              struck: slot.querySelectorAll('s.clerkbridge-list-price').length,
              stars: slot.querySelectorAll('.clerkbridge-stars').length,
              outOfStock: slot.querySelectorAll('.clerkbridge-badge--out-of-stock').length
            });
          });
          var target = (window.parent !== window ? window.parent.document : document).getElementById('result');
          target.textContent = JSON.stringify(report);
        }, 50);
        </script></body></html>
        """#
    }

    /// The shop page in a 390 px frame: a phone's viewport, narrower than headless Chromium's windows go.
    static let phonePage = #"""
        <!doctype html><html><body style="margin:0">
        <iframe src="/shop.html?search_query=lamp" style="width:390px;height:844px;border:0"></iframe>
        <pre id="result">waiting</pre></body></html>
        """#

    /// The JSON a page wrote into `#result`, from Chromium's DOM dump.
    static func result(_ run: Chromium.Run) throws -> [String: Any] {
        let start = try #require(run.dom.range(of: #"<pre id="result">"#), "DOM: \(run.dom.suffix(600)); stderr: \(run.stderrTail)")
        let end = try #require(run.dom.range(of: "</pre>", range: start.upperBound..<run.dom.endIndex))
        let text = String(run.dom[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
        try #require(text != "waiting", "the page never settled: \(run.dom.suffix(800)); stderr: \(run.stderrTail)")
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    /// Each placement's measurements, by name.
    static func slots(_ report: [String: Any]) -> [String: [String: Any]] {
        let list = report["slots"] as? [[String: Any]] ?? []
        return Dictionary(list.map { ($0["placement"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every built-in placement, and the search results.
    static let placements = ["home", "category", "product_alternatives", "product_complementary", "cart", "post_purchase", "search"]

    @Test(
        .enabled(if: Chromium.path != nil, "no chromium binary found: apt-get install chromium (.ci/run does) or set CHROMIUM"),
        .timeLimit(.minutes(2)))
    func everyPlacementIsAGridOfShortCardsOnADesktopAndTwoAcrossOnAPhone() async throws {
        let pages: [String: @Sendable (String) -> String] = [
            "/shop.html": { Self.shopPage(app: $0) }, "/phone.html": { _ in Self.phonePage },
        ]
        let stub = LookStub()
        try await StorefrontHarness.with(pages: pages, jwt: nil, shopperRoutes: [stub]) { harness in
            let desktop = try Self.result(try await Chromium.dumpDOM(
                "\(harness.pageOrigin)/shop.html?search_query=red+lamp", virtualTime: .seconds(10), windowSize: (1280, 900)))
            #expect(desktop["width"] as? Int == 1280)
            #expect(desktop["stylesheets"] as? Int == 1 && desktop["firstInHead"] as? String == "on", "storefront.css, once, first")
            let wide = Self.slots(desktop)
            for placement in Self.placements {
                let slot = try #require(wide[placement], "\(placement): \(desktop)")
                #expect(slot["state"] as? String == "filled", "\(placement): \(slot)")
                #expect(slot["cards"] as? Int == (placement == "search" ? 10 : 8), "\(placement): \(slot)")
                #expect(slot["display"] as? String == "grid", "\(placement)")
                #expect((slot["tallest"] as? Int ?? .max) <= 400, "\(placement): cards at most 400 px tall: \(slot)")
                #expect((slot["columns"] as? Int ?? 0) >= 4, "\(placement): a desktop row: \(slot)")
                #expect(slot["square"] as? Bool == true && slot["images"] as? Bool == true, "\(placement): \(slot)")
                #expect(slot["wholeCard"] as? Bool == true && slot["focusable"] as? Bool == true, "\(placement): \(slot)")
                #expect((slot["struck"] as? Int ?? 0) > 0 && (slot["stars"] as? Int ?? 0) > 0, "\(placement): \(slot)")
            }
            #expect(Self.placements.contains { (wide[$0]?["outOfStock"] as? Int ?? 0) > 0 })
            // The search slot asked for the page's own search_query and says how many matched.
            #expect((wide["search"]?["text"] as? String)?.hasPrefix("31 results for “red lamp”") == true)

            // The refused placement kept its own content and said what to change, once.
            let refused = try #require(wide["nope"])
            #expect(refused["state"] as? String == "failed" && refused["text"] as? String == "Our favourites", "\(refused)")
            let warnings = desktop["warnings"] as? [String] ?? []
            #expect(warnings.count == 1, "\(warnings)")
            let warning = try #require(warnings.first)
            #expect(warning.hasPrefix(#"clerkbridge: placement "nope" on \#(harness.pageOrigin) was refused with HTTP 404 unknown_placement"#))
            #expect(warning.contains("placements: in clerkbridge's config"), "\(warning)")

            let phone = try Self.result(try await Chromium.dumpDOM(
                "\(harness.pageOrigin)/phone.html", virtualTime: .seconds(10), windowSize: (600, 900)))
            #expect(phone["width"] as? Int == 390)
            let narrow = Self.slots(phone)
            for placement in Self.placements {
                let slot = try #require(narrow[placement], "\(placement): \(phone)")
                #expect(slot["columns"] as? Int == 2, "\(placement): two across on a phone: \(slot)")
                #expect(slot["square"] as? Bool == true && slot["wholeCard"] as? Bool == true, "\(placement): \(slot)")
            }
            #expect(stub.searches.withLock { $0 } == ["red lamp", "lamp"])
        }
    }

    /// A page on an origin no storefront has: the slots keep their content, and one warning names the origin and
    /// the setting.
    static func strangerPage(app: String) -> String {
        #"""
        <!doctype html>
        <html><head><meta charset="utf-8"><title>elsewhere</title>
        \#(warningRecorder)
        <script src="\#(app)/storefront.js?channel_id=1"></script>
        </head><body>
        <div data-clerkbridge-placement="home"><p>Our favourites</p></div>
        <div data-clerkbridge-placement="cart" data-cart="8"><ul><li>Gift card</li></ul></div>
        <pre id="result">waiting</pre>
        <script>
        window.clerkbridge.track('product_viewed', { product_id: 5 });
        window.clerkbridge.flush();
        var poll = setInterval(function () {
          var slots = [].slice.call(document.querySelectorAll('[data-clerkbridge-query]'));
          if (slots.length < 2 || !window.warnings.length) return;
          if (!slots.every(function (slot) { return slot.getAttribute('data-clerkbridge-state') === 'failed'; })) return;
          clearInterval(poll);
          setTimeout(function () { // time for a second warning, which must not come
            document.getElementById('result').textContent = JSON.stringify({
              origin: location.origin, warnings: window.warnings,
              slots: slots.map(function (slot) { return { html: slot.innerHTML, busy: slot.getAttribute('aria-busy') }; })
            });
          }, 2000);
        }, 50);
        </script></body></html>
        """#
    }

    @Test(
        .enabled(if: Chromium.path != nil, "no chromium binary found: apt-get install chromium (.ci/run does) or set CHROMIUM"),
        .timeLimit(.minutes(2)))
    func aPageOnAnotherOriginKeepsItsSlotsAndSaysWhichSettingToChange() async throws {
        let pages: [String: @Sendable (String) -> String] = ["/elsewhere.html": { Self.strangerPage(app: $0) }]
        try await StorefrontHarness.with(pages: pages, jwt: nil, shopperRoutes: [LookStub()]) { harness in
            // Same server, another origin: the storefronts' base URL is http://127.0.0.1:PORT.
            let stranger = harness.pageOrigin.replacingOccurrences(of: "127.0.0.1", with: "localhost")
            let report = try Self.result(try await Chromium.dumpDOM("\(stranger)/elsewhere.html", virtualTime: .seconds(10)))
            #expect(report["origin"] as? String == stranger)
            let slots = report["slots"] as? [[String: Any]] ?? []
            #expect(slots.map { $0["html"] as? String } == ["<p>Our favourites</p>", "<ul><li>Gift card</li></ul>"])
            #expect(slots.allSatisfy { $0["busy"] is NSNull || $0["busy"] == nil })
            let warnings = report["warnings"] as? [String] ?? []
            #expect(warnings.count == 1, "one warning for the page, not one per request: \(warnings)")
            let warning = try #require(warnings.first)
            #expect(warning.hasPrefix("clerkbridge: this page's origin \(stranger) may not call"), "\(warning)")
            #expect(warning.contains("storefronts[].base_url") && warning.contains("(CORS)"), "\(warning)")
            #expect(try await harness.storedCount() == 0, "events from another origin are refused")
        }
    }

    /// A 600 px email body holding the block for twelve products in `columns`; measures each row.
    static func emailPage(columns: Int) throws -> String {
        let cards = (1...12).map { LookCatalog.card($0, imageHost: "https://images.example.com") }
        var html = try EmailBlockRenderer().render(
            cards, campaign: .init(campaign: "test"), baseURL: "https://shop.example.com", columns: columns)
        // The photos travel inside the page (the renderer takes absolute http(s) images only).
        for id in 1...12 {
            html = html.replacingOccurrences(of: "https://images.example.com/\(id).svg\"", with: LookCatalog.photo(id) + "\"")
        }
        return #"""
            <!doctype html>
            <html><head><meta charset="utf-8"><title>email</title></head>
            <body style="margin:0;background:#ffffff">
            <div id="block">\#(html)</div>
            <pre id="result">waiting</pre>
            <script>
            window.addEventListener('load', function () {
              var rows = [].slice.call(document.querySelectorAll('#block tr')).map(function (row) {
                var cells = [].slice.call(row.children);
                return {
                  products: cells.filter(function (cell) { return cell.querySelector('a'); }).length,
                  widths: cells.map(function (cell) { return Math.round(cell.getBoundingClientRect().width); }),
                  right: Math.round(Math.max.apply(null, cells.map(function (cell) { return cell.getBoundingClientRect().right; }))),
                  images: cells.filter(function (cell) { return cell.querySelector('img'); }).map(function (cell) {
                    return Math.round(cell.querySelector('img').getBoundingClientRect().width);
                  })
                };
              });
              document.getElementById('result').textContent = JSON.stringify({
                width: window.innerWidth, scrollWidth: document.documentElement.scrollWidth, rows: rows
              });
            });
            </script></body></html>
            """#
    }

    @Test(
        .enabled(if: Chromium.path != nil, "no chromium binary found: apt-get install chromium (.ci/run does) or set CHROMIUM"),
        .timeLimit(.minutes(2)))
    func anEmailBlockOfTwelveKeepsToRowsOfItsColumnsIn600Pixels() async throws {
        let two = try Self.emailPage(columns: 2)
        let four = try Self.emailPage(columns: 4)
        let pages: [String: @Sendable (String) -> String] = ["/two.html": { _ in two }, "/four.html": { _ in four }]
        try await StorefrontHarness.with(pages: pages, jwt: nil) { harness in
            for (path, columns, image) in [("/two.html", 2, 260), ("/four.html", 4, 126)] {
                let report = try Self.result(try await Chromium.dumpDOM(
                    "\(harness.pageOrigin)\(path)", virtualTime: .seconds(5), windowSize: (600, 900)))
                #expect(report["width"] as? Int == 600)
                #expect(report["scrollWidth"] as? Int == 600, "nothing wider than the email: \(report)")
                // Each row of products is a row of images above a row of names and prices.
                let rows = report["rows"] as? [[String: Any]] ?? []
                #expect(rows.count == 2 * 12 / columns, "\(columns) columns: \(rows)")
                for row in rows {
                    #expect(row["products"] as? Int == columns, "\(row)")
                    let widths = row["widths"] as? [Int] ?? []
                    #expect(widths.count == columns && (widths.max() ?? 0) - (widths.min() ?? 0) <= 1, "equal cells: \(row)")
                    #expect((row["right"] as? Int ?? .max) <= 600, "\(row)")
                }
                let images = rows.compactMap { $0["images"] as? [Int] }.filter { !$0.isEmpty }
                #expect(images == Array(repeating: Array(repeating: image, count: columns), count: 12 / columns), "fixed-width images: \(images)")
            }
        }
    }
}
