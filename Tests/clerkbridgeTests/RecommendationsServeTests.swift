import AsyncHTTPClient
import BigCommerceAPI
import Foundation
import Logging
import Sandbox
import Server
import ServiceLifecycle
import Storefront
import SyncEngine
import SyncStore
import Synchronization
import Testing

@testable import clerkbridge

/// `GET /v1/recommendations` through `serve` on loopback, after a reindex filled the mirror and the Clerk sandbox.
@Suite("recommendations through serve", .serialized)
struct RecommendationsServeTests {
    /// Runs `body` against `serve` (``ShopperServe``) over a 60-product sandbox, `adjust`ing the settings.
    func withServe(
        adjust: (inout Settings) -> Void = { _ in },
        _ body: (ShopperServe) async throws -> Void
    ) async throws {
        let serve = try await ShopperServe.start(productCount: 60, adjust: adjust)
        do {
            try await body(serve)
        } catch {
            try? await serve.stop()
            throw error
        }
        try await serve.stop()
    }

    @Test func placementsAnswerCardsFromClerkOrTheFallbackAndBadRequestsAreNamed() async throws {
        try await withServe { serve in
            let (sandbox, runtime, targets) = (serve.sandbox, serve.runtime, serve.targets)
            let timings = Mutex<[String]>([])
            func get(_ query: String) async throws -> (Int, [String: Any], String) {
                let answer = try await serve.get("/v1/recommendations?\(query)")
                if let timing = answer.serverTiming { timings.withLock { $0.append(timing) } }
                return (answer.status, answer.json, answer.text)
            }

            let main = try #require(targets.first)
            let mirrored = try await runtime.store.mirrored(storefront: main.name, entity: .product, ids: Array(1...2_000))
            let categoriesSeen = mirrored.values.compactMap { document -> Int? in
                let object = (try? JSONSerialization.jsonObject(with: Data(document.json))) as? [String: Any]
                return (object?["categories"] as? [Int])?.first
            }
            let category = try #require(categoriesSeen.first)

            let (status, answer, text) = try await get("placement=category&category=\(category)&visitor=v1&limit=4")
            #expect(status == 200, "\(text)")
            #expect(answer["source"] as? String == "clerk" && answer["storefront"] as? String == main.name)
            #expect(answer["placement"] as? String == "category" && answer["labels"] as? [String] == ["Category - Popular"])
            let items = try #require(answer["items"] as? [[String: Any]])
            #expect(!items.isEmpty && items.count <= 4)
            #expect(items.map { $0["position"] as? Int } == Array(0..<items.count))
            for item in items {
                let id = try #require(item["id"] as? Int)
                let stored = try #require(mirrored[id])
                let categories = ((try? JSONSerialization.jsonObject(with: Data(stored.json))) as? [String: Any])?["categories"] as? [Int]
                #expect(categories?.contains(category) == true, "product \(id) is in category \(category)")
                #expect((item["price"] as? [String: Any])?["currency"] as? String == answer["currency"] as? String)
            }
            #expect(!text.contains("null") && !text.contains(main.clerkKeys.privateKey))
            let shared = try await serve.get("/v1/recommendations?placement=category&category=\(category)&visitor=v1")
            let personal = try await serve.get("/v1/recommendations?placement=home&visitor=v1")
            let anonymousHome = try await serve.get("/v1/recommendations?placement=home")
            #expect(shared.cacheControl == "public, max-age=60", "the same for every shopper")
            #expect(personal.cacheControl == "private, no-store", "the visitor's own")
            #expect(anonymousHome.cacheControl == "public, max-age=60" && anonymousHome.json["api"] as? String == "recommendations/popular")
            let timing = try #require(timings.withLock { $0.first })
            #expect(timing.hasPrefix("clerk;dur=") && timing.contains(", total;dur="), "\(timing)")

            let cases: [(String, Int, String)] = [
                ("placement=nowhere", 404, "unknown_placement"),
                ("placement=category", 400, "missing_parameter"),
                ("placement=home&limit=500", 400, "invalid_parameter"),
                ("placement=home&cart=1,x", 400, "invalid_parameter"),
                ("placement=home&visitor=not%20ok", 400, "invalid_parameter"),
                ("placement=home&storefront=elsewhere", 404, "unknown_storefront"),
                ("placement=home&format=xml", 400, "invalid_parameter"),
                ("", 400, "missing_parameter"),
            ]
            for (query, expected, code) in cases {
                let (status, _, text) = try await get(query)
                #expect(status == expected && text.contains(#""code":"\#(code)""#), "\(query): \(status) \(text)")
            }

            let (htmlStatus, _, html) = try await get("placement=category&category=\(category)&limit=4&format=html")
            #expect(htmlStatus == 200 && html.hasPrefix("<div class=\"clerkbridge clerkbridge-placement "), "\(html)")
            for (position, item) in items.enumerated() {
                let id = try #require(item["id"] as? Int)
                #expect(html.contains(
                    #"data-clerkbridge-product="\#(id)" data-clerkbridge-position="\#(position)" data-clerkbridge-api="recommendations/category/popular" data-clerkbridge-labels="[&quot;Category - Popular&quot;]""#),
                    "product \(id) carries its click data")
            }

            sandbox.clerkFaults.configure { $0.down = true }
            let (downStatus, down, _) = try await get("placement=home&visitor=v1")
            #expect(downStatus == 200 && down["source"] as? String == "fallback")
            #expect((down["items"] as? [[String: Any]])?.count == 8)
        }
    }

    @Test func emailBlocksNeedTheTokenAndAnswerEmailSafeHTMLOrCards() async throws {
        let token = "email-blocks-token-0123456789"
        try await withServe(adjust: { $0.emailBlocksToken = token }) { serve in
            let (runtime, targets) = (serve.runtime, serve.targets)
            let main = try #require(targets.first)
            let product = try #require(
                try await runtime.store.mirrored(storefront: main.name, entity: .product, ids: Array(1...2_000)).keys.min())
            try await runtime.clerk.logProductView(productID: product, visitor: "va", keys: main.clerkKeys)
            try await runtime.clerk.logEmail(email: "ann@example.com", visitor: "va", keys: main.clerkKeys)
            func get(_ query: String, bearer: String? = nil) async throws -> (Int, String, String?) {
                let answer = try await serve.get(
                    "/v1/email/blocks?\(query)", headers: bearer.map { [("Authorization", "Bearer \($0)")] } ?? [])
                return (answer.status, answer.text, answer.contentType)
            }
            let (status, html, type) = try await get("email=ann%40example.com&type=abandoned_browse", bearer: token)
            #expect(status == 200 && type == "text/html; charset=utf-8", "\(html)")
            let links = try NSRegularExpression(pattern: #"(?:href|src)="([^"]*)""#)
                .matches(in: html, range: NSRange(html.startIndex..., in: html))
                .compactMap { Range($0.range(at: 1), in: html).map { String(html[$0]) } }
            #expect(!links.isEmpty)
            for link in links {
                #expect(link.hasPrefix(main.storefront.baseURL) || link.hasPrefix("https://"), "absolute: \(link)")
            }
            #expect(links.contains { $0.contains("utm_campaign=abandoned_browse") })

            let (jsonStatus, json, _) = try await get("email=ann%40example.com&type=abandoned_browse&format=json&token=\(token)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            #expect(jsonStatus == 200 && (object["items"] as? [[String: Any]])?.first?["id"] as? Int == product, "\(json)")
            #expect(!json.contains(main.clerkKeys.privateKey) && !html.contains(main.clerkKeys.privateKey))

            let refused: [(String, String?, Int, String)] = [
                ("email=ann%40example.com", nil, 401, "unauthenticated"),
                ("email=ann%40example.com", "wrong-token-wrong-token", 401, "unauthenticated"),
                ("type=recommended", token, 400, "missing_parameter"),
                ("email=nobody", token, 400, "invalid_parameter"),
                ("email=ann%40example.com&type=everything", token, 400, "invalid_parameter"),
                ("email=ann%40example.com&limit=500", token, 400, "invalid_parameter"),
                ("email=ann%40example.com&format=pdf", token, 400, "invalid_parameter"),
                ("email=ann%40example.com&storefront=elsewhere", token, 404, "unknown_storefront"),
            ]
            for (query, bearer, expected, code) in refused {
                let (status, text, _) = try await get(query, bearer: bearer)
                #expect(status == expected && text.contains(#""code":"\#(code)""#), "\(query): \(status) \(text)")
            }
        }
        try await withServe { serve in
            let answer = try await serve.get("/v1/email/blocks?email=ann%40example.com")
            #expect(answer.status == 403 && answer.text.contains("CLERKBRIDGE_EMAIL_BLOCKS_TOKEN"), "\(answer.text)")
        }
    }

    @Test func theThankYouPageGetsItsOrdersRecommendationsBeforeTheSaleIsLogged() async throws {
        try await withServe { serve in
            let sandbox = serve.sandbox
            let main = try #require(serve.targets.first { $0.channelID == 1 })
            let bought = Array(sandbox.store.allProducts().filter { $0.channels.contains(1) && $0.isVisible }.prefix(2))
            try #require(bought.count == 2)
            let placed = try #require(sandbox.orderEvents.placeOrder(
                channelID: 1, guestEmail: "guest@example.com",
                items: bought.map { SandboxOrderItem(productID: $0.id, quantity: 1) }))
            #expect(try await serve.runtime.store.loggedSale(storefront: main.name, orderID: placed.id) == nil)

            let path = "/v1/recommendations?placement=post_purchase&order=\(placed.id)&visitor=thanks1"
            let answer = try await serve.get(path)
            #expect(answer.status == 200, "\(answer.text)")
            let items = try #require(answer.json["items"] as? [[String: Any]])
            #expect(!items.isEmpty && items.allSatisfy { !bought.map(\.id).contains($0["id"] as? Int ?? 0) }, "the order's products are left out")
            let call = try #require(sandbox.clerkStorage.logCalls(publicKey: main.clerkKeys.publicKey).last)
            #expect(call.endpoint == "recommendations/complementary" && call["products"] == .array(bought.map { .number(String($0.id)) }))

            // A second placement on the same page reads BigCommerce no more (the order is kept briefly).
            let requests = sandbox.bigCommerceFaults.counters.totalRequests
            #expect(try await serve.get(path).status == 200)
            #expect(sandbox.bigCommerceFaults.counters.totalRequests == requests)

            // Another channel's order, or none at all, is not this storefront's: a 400 naming the order.
            let outlet = try #require(sandbox.orderEvents.placeOrder(
                channelID: 2, guestEmail: "guest@example.com", items: [SandboxOrderItem(productID: bought[0].id, quantity: 1)]))
            for order in [outlet.id, 987_654] {
                let refused = try await serve.get("/v1/recommendations?placement=post_purchase&order=\(order)")
                #expect(refused.status == 400 && refused.text.contains("order \(order) is not an order placed on storefront \(main.name)"), "\(refused.text)")
            }

            // BigCommerce down: the page still gets products, from what the visitor did.
            sandbox.bigCommerceFaults.configure { $0.serverErrorRate = 1 }
            let unreadable = try #require(sandbox.orderEvents.placeOrder(
                channelID: 1, guestEmail: "guest@example.com", items: [SandboxOrderItem(productID: bought[1].id, quantity: 1)]))
            let degraded = try await serve.get("/v1/recommendations?placement=post_purchase&order=\(unreadable.id)&visitor=thanks1")
            #expect(degraded.status == 200 && !((degraded.json["items"] as? [Any]) ?? []).isEmpty, "\(degraded.text)")
            #expect(try sandbox.clerkStorage.logCalls(publicKey: main.clerkKeys.publicKey).last?.endpoint == "recommendations/visitor/complementary")
            sandbox.bigCommerceFaults.configure { $0.serverErrorRate = 0 }
        }
    }
}
