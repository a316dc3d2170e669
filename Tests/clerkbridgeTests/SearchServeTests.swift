import BigCommerceAPI
import CatalogMapping
import Foundation
import Sandbox
import Server
import Storefront
import SyncEngine
import SyncStore
import Testing

@testable import clerkbridge

/// `GET /v1/search` and `GET /v1/search/predictive` through `serve` on loopback, after a reindex filled the mirror
/// and the Clerk sandbox, with the sandbox store's Product Filtering settings read from BigCommerce.
@Suite("search through serve", .serialized)
struct SearchServeTests {
    @Test func searchAnswersCardsWithTheStoresFacetsSortsAndFiltersAndBadRequestsAreNamed() async throws {
        let serve = try await ShopperServe.start(productCount: 60)
        let (sandbox, runtime, targets) = (serve.sandbox, serve.runtime, serve.targets)

        func get(_ path: String) async throws -> (status: Int, json: [String: Any], text: String, cache: String?) {
            let answer = try await serve.get(path)
            return (answer.status, answer.json, answer.text, answer.cacheControl)
        }
        let main = try #require(targets.first)
        func lastSearch() throws -> ClerkLogCall {
            try #require(sandbox.clerkStorage.logCalls(publicKey: main.clerkKeys.publicKey).last { $0.endpoint == "search/search" })
        }
        let mirrored = try await runtime.store.mirrored(storefront: main.name, entity: .product, ids: Array(1...2_000))
        let documents = mirrored.values.compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.json))) as? [String: Any]
        }

        // The merchant gives one category its own filters.
        let categoryIDs = documents.compactMap { document -> Int? in (document["categories"] as? [Int])?.first }
        let category = try #require(categoryIDs.first)
        sandbox.store.searchSettings.setCategoryFilters(
            [SandboxSearchSettings.Filter(sourceName: "brand", displayName: "Maker", type: "brand")], categoryID: category)

        // Browsing: the store's default sort (the sandbox's `featured`), its facets in order with its names.
        let browse = try await get("/v1/search?limit=5")
        #expect(browse.status == 200, "\(browse.text)")
        #expect(browse.json["sort"] as? String == "featured" && browse.json["page"] as? Int == 1)
        #expect(browse.json["limit"] as? Int == 5 && browse.json["currency"] as? String == "USD")
        #expect(browse.json["query"] == nil && (browse.json["total"] as? Int ?? 0) > 5)
        #expect((browse.json["items"] as? [[String: Any]])?.count == 5)
        #expect(try lastSearch()["orderby"]?.stringValue == "featured_rank" && lastSearch()["order"]?.stringValue == "asc")
        let facets = try #require(browse.json["facets"] as? [[String: Any]])
        #expect(facets.map { $0["attribute"] as? String } == [
            "categories", "brand", "price", "rating", "option_size", "option_color", "option_size_eu", "cf_material", "in_stock",
        ], "Shoe Width (EU) is disabled")
        #expect(facets.map { $0["name"] as? String } == [
            "Category", "Brand", "Price", "Rating", "Size", "Colour", "Size (EU)", "Material", "Other",
        ])
        let price = try #require(facets.first { $0["attribute"] as? String == "price" })
        #expect(price["type"] as? String == "range")
        #expect((price["values"] as? [[String: Any]])?.allSatisfy { $0["min"] != nil && $0["max"] != nil } == true)
        let categoryFacet = try #require(facets.first?["values"] as? [[String: Any]])
        #expect(!categoryFacet.isEmpty && categoryFacet.allSatisfy { ($0["label"] as? String)?.isEmpty == false })
        #expect(browse.cache == "public, max-age=60")
        #expect(!browse.text.contains("null") && !browse.text.contains(main.clerkKeys.privateKey))

        // A sort by price, personal: Clerk's order by price, a private answer.
        let cheap = try await get("/v1/search?sort=priceasc&limit=10&visitor=v1")
        #expect(cheap.status == 200 && cheap.cache == "private, no-store")
        let cheapest = cheap.json["items"] as? [[String: Any]] ?? []
        let prices = cheapest.compactMap { ($0["price"] as? [String: Any])?["value"] as? Double }
        // Clerk leaves hidden products out, so a full page of ten.
        #expect(prices.count == 10 && prices.count == cheapest.count && prices == prices.sorted(), "\(prices)")
        #expect(try lastSearch()["orderby"]?.stringValue == "price" && lastSearch()["visitor"]?.stringValue == "v1")

        // A brand filter, quoted into Clerk's filter; page 2.
        let brand = try #require(documents.compactMap { $0["brand"] as? String }.first)
        let encodedBrand = try #require(brand.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        let branded = try await get("/v1/search?brand=\(encodedBrand)&in_stock=true&limit=2&page=2")
        #expect(branded.status == 200, "\(branded.text)")
        let call = try lastSearch()
        #expect(call["filter"]?.stringValue == "brand = \(ClerkFilter.quote(brand)) and in_stock = true")
        #expect(call["offset"]?.intValue == 2 && call["limit"]?.intValue == 2)
        #expect((branded.json["items"] as? [[String: Any]])?.allSatisfy { $0["brand"] as? String == brand && $0["in_stock"] as? Bool == true } == true)

        // A category page with its own filters (set by the merchant in BigCommerce, read with the channel's).
        let page = try await get("/v1/search?category=\(category)")
        #expect(page.status == 200, "\(page.text)")
        #expect((page.json["facets"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Maker"])
        #expect(try lastSearch()["filter"]?.stringValue == "categories contains \(category)")

        // Predictive: products, categories and suggestions.
        let words = documents.compactMap { document -> String? in
            (document["name"] as? String)?.split(separator: " ").first.map(String.init)
        }
        let word = try #require(words.first)
        let predictive = try await get("/v1/search/predictive?q=\(word.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&limit=4")
        #expect(predictive.status == 200, "\(predictive.text)")
        #expect(predictive.json["query"] as? String == word)
        let predicted = try #require(predictive.json["items"] as? [[String: Any]])
        #expect(!predicted.isEmpty && predicted.count <= 4)
        #expect(predictive.json["categories"] is [Any] && !((predictive.json["suggestions"] as? [String]) ?? []).isEmpty)

        // Another channel: BigCommerce has no overrides for it (422), so the store-wide filters apply.
        let outlet = try await get("/v1/search?storefront=\(targets[1].name)&q=\(word)")
        #expect(outlet.status == 200 && (outlet.json["facets"] as? [Any])?.count == 9, "\(outlet.text)")
        #expect(outlet.json["sort"] as? String == "relevance" && outlet.json["currency"] as? String == "EUR")

        let cases: [(String, Int, String, String)] = [
            ("/v1/search?sort=cheapest", 400, "invalid_parameter", "sort"),
            ("/v1/search?page=0", 400, "invalid_parameter", "page"),
            ("/v1/search?limit=101", 400, "invalid_parameter", "limit"),
            ("/v1/search?colour=red", 400, "invalid_parameter", "colour"),
            ("/v1/search?price_min=cheap", 400, "invalid_parameter", "price_min"),
            ("/v1/search?category=shoes", 400, "invalid_parameter", "category"),
            ("/v1/search?storefront=elsewhere", 404, "unknown_storefront", "elsewhere"),
            ("/v1/search/predictive", 400, "missing_parameter", "q"),
            ("/v1/search/predictive?q=a&limit=21", 400, "invalid_parameter", "limit"),
            ("/v1/search/predictive?q=a&page=2", 400, "invalid_parameter", "page"),
        ]
        for (path, expected, code, named) in cases {
            let (status, json, text, _) = try await get(path)
            let message = ((json["error"] as? [String: Any])?["message"] as? String) ?? ""
            #expect(status == expected && text.contains(#""code":"\#(code)""#), "\(path): \(status) \(text)")
            #expect(message.contains(named), "\(path): \(message)")
        }

        sandbox.clerkFaults.configure { $0.down = true }
        let down = try await get("/v1/search?q=\(word)")
        #expect(down.status == 503 && down.text.contains(#""code":"unavailable""#), "\(down.text)")

        try await serve.stop()
    }

    @Test func theFeaturedSortIsTheMerchantsOrderAcrossPagesAndHiddenProductsAreNeitherCountedNorSuggested() async throws {
        let serve = try await ShopperServe.start(productCount: 80)
        let main = try #require(serve.targets.first)
        let mirrored = try await serve.runtime.store.mirrored(storefront: main.name, entity: .product, ids: Array(1...2_000))
        let documents = mirrored.values.compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.json))) as? [String: Any]
        }
        let shown = documents.filter { $0["index"] as? Bool != false }
        let hidden = documents.filter { $0["index"] as? Bool == false }
        try #require(!hidden.isEmpty && shown.count > 20, "the seeded catalog has hidden products")
        // BigCommerce's Featured: featured first, then sort_order ascending (the sandbox breaks ties by id).
        let featuredOrder = shown.sorted { left, right in
            let (l, r) = (left["is_featured"] as? Bool == true ? 0 : 1, right["is_featured"] as? Bool == true ? 0 : 1)
            let (lo, ro) = (left["sort_order"] as? Int ?? 0, right["sort_order"] as? Int ?? 0)
            return (l, lo, left["id"] as? Int ?? 0) < (r, ro, right["id"] as? Int ?? 0)
        }.compactMap { $0["id"] as? Int }
        try #require(Set(shown.map { $0["is_featured"] as? Bool }).count == 2, "featured and plain products both seeded")

        var pages: [Int] = []
        for page in 1...2 {
            let answer = try await serve.get("/v1/search?sort=featured&limit=10&page=\(page)")
            #expect(answer.status == 200, "\(answer.text)")
            #expect(answer.json["total"] as? Int == shown.count, "hidden products are not counted")
            pages += (answer.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
        }
        #expect(pages == Array(featuredOrder.prefix(20)))

        // A hidden product's name is neither matched nor suggested (unless a shown product shares its words).
        let shownNames = Set(shown.compactMap { $0["name"] as? String })
        let secret = try #require(hidden.compactMap { $0["name"] as? String }.first { !shownNames.contains($0) })
        let query = try #require(secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        let predictive = try await serve.get("/v1/search/predictive?q=\(query)")
        #expect(predictive.status == 200, "\(predictive.text)")
        #expect((predictive.json["suggestions"] as? [String])?.contains(secret) == false, "\(predictive.text)")
        let shownIDs = Set(shown.compactMap { $0["id"] as? Int })
        #expect((predictive.json["items"] as? [[String: Any]])?.allSatisfy { shownIDs.contains($0["id"] as? Int ?? 0) } == true)
        let search = try await serve.get("/v1/search?q=\(query)")
        let total = try #require(search.json["total"] as? Int)
        #expect(total == shown.filter { ($0["name"] as? String)?.lowercased().contains(secret.lowercased()) == true }.count)
        try await serve.stop()
    }
}
