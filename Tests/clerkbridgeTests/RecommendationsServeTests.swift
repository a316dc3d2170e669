import BigCommerceAPI
import Foundation
import Sandbox
import Server
import Storefront
import SyncEngine
import SyncStore
import Testing

@testable import clerkbridge

/// `GET /v1/recommendations` through `serve` on loopback, after a reindex filled the mirror and the Clerk sandbox.
@Suite("recommendations through serve", .serialized)
struct RecommendationsServeTests {
    @Test func placementsAnswerCardsFromClerkOrTheFallbackAndBadRequestsAreNamed() async throws {
        let serve = try await ShopperServe.start(productCount: 60)
        let (sandbox, runtime, targets) = (serve.sandbox, serve.runtime, serve.targets)

        func get(_ query: String) async throws -> (Int, [String: Any], String) {
            let answer = try await serve.get("/v1/recommendations?\(query)")
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

        let cases: [(String, Int, String)] = [
            ("placement=nowhere", 404, "unknown_placement"),
            ("placement=category", 400, "missing_parameter"),
            ("placement=home&limit=500", 400, "invalid_parameter"),
            ("placement=home&cart=1,x", 400, "invalid_parameter"),
            ("placement=home&visitor=not%20ok", 400, "invalid_parameter"),
            ("placement=home&storefront=elsewhere", 404, "unknown_storefront"),
            ("placement=home&format=html", 400, "invalid_parameter"),
            ("", 400, "missing_parameter"),
        ]
        for (query, expected, code) in cases {
            let (status, _, text) = try await get(query)
            #expect(status == expected && text.contains(#""code":"\#(code)""#), "\(query): \(status) \(text)")
        }

        sandbox.clerkFaults.configure { $0.down = true }
        let (downStatus, down, _) = try await get("placement=home&visitor=v1")
        #expect(downStatus == 200 && down["source"] as? String == "fallback")
        #expect((down["items"] as? [[String: Any]])?.count == 8)

        try await serve.stop()
    }
}
