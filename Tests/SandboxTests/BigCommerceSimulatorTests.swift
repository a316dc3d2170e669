import AsyncHTTPClient
import Foundation
import Sandbox
import Testing

@Suite("BigCommerce simulator")
struct BigCommerceSimulatorTests {
    @Test func productListHasEnvelopeAndPaginationMeta() async throws {
        try await Sandboxes.with { sandbox in
            let page = try await Sandboxes.bc(sandbox, "/v3/catalog/products?limit=5&page=2&include=variants,images,custom_fields,channels,primary_image")
            #expect(page.status == 200)
            #expect(page.header("content-type") == "application/json")
            let data = try #require(page.object["data"] as? [[String: Any]])
            #expect(data.map { $0["id"] as? Int } == [115, 118, 121, 124, 127])
            #expect(data.allSatisfy { ($0["variants"] as? [Any])?.isEmpty == false && $0["channels"] is [Int] })
            let pagination = try #require((page.object["meta"] as? [String: Any])?["pagination"] as? [String: Any])
            #expect(pagination["total"] as? Int == 200)
            #expect(pagination["count"] as? Int == 5)
            #expect(pagination["per_page"] as? Int == 5)
            #expect(pagination["current_page"] as? Int == 2)
            #expect(pagination["total_pages"] as? Int == 40)
            let links = try #require(pagination["links"] as? [String: String])
            #expect(links["previous"] == "?page=1&limit=5")
            #expect(links["next"] == "?page=3&limit=5")

            let keyset = try await Sandboxes.bc(sandbox, "/v3/catalog/products?sort=id&direction=asc&id%3Agreater=100&limit=3")
            let ids = (keyset.object["data"] as? [[String: Any]])?.map { $0["id"] as? Int }
            #expect(ids == [103, 106, 109])

            let single = try await Sandboxes.bc(sandbox, "/v3/catalog/products/100?include=variants")
            #expect(single.status == 200)
            #expect((single.object["data"] as? [String: Any])?["name"] as? String == "Côté lamp")
            #expect((single.object["meta"] as? [String: Any])?.isEmpty == true)
            #expect(try await Sandboxes.bc(sandbox, "/v3/catalog/products/101").status == 404)
        }
    }

    @Test func limitAbove250Is413() async throws {
        try await Sandboxes.with { sandbox in
            let response = try await Sandboxes.bc(sandbox, "/v3/catalog/products?limit=251")
            #expect(response.status == 413)
            #expect(response.object["status"] as? Int == 413)
            #expect(try await Sandboxes.bc(sandbox, "/v3/catalog/products?limit=250").status == 200)
        }
    }

    @Test func badTokenIs401WithV3ErrorBody() async throws {
        try await Sandboxes.with { sandbox in
            let response = try await Sandboxes.bc(sandbox, "/v3/catalog/products", token: "wrong")
            #expect(response.status == 401)
            #expect(response.object["status"] as? Int == 401)
            #expect(response.object["title"] is String)
            #expect(response.object["type"] is String)
            let missing = try await Sandboxes.fetch("\(sandbox.bigCommerceURL.absoluteString)/stores/nope/v2/store")
            #expect(missing.status == 404)
        }
    }

    @Test func emptyV2ListIs204WithEmptyBody() async throws {
        try await Sandboxes.with { sandbox in
            let empty = try await Sandboxes.bc(sandbox, "/v2/currencies?currency_code=XXX")
            #expect(empty.status == 204)
            #expect(empty.body.isEmpty)
            let all = try await Sandboxes.bc(sandbox, "/v2/currencies")
            let currencies = try #require(all.json as? [[String: Any]])
            #expect(currencies.map { $0["currency_code"] as? String } == ["USD", "EUR", "GBP"])
            #expect(currencies[1]["currency_exchange_rate"] as? String == "0.9200000000")
        }
    }

    @Test func exhaustedQuotaIs429WithRateHeaders() async throws {
        try await Sandboxes.with(SandboxConfiguration(rateLimitQuota: 3, rateLimitWindow: .seconds(60))) { sandbox in
            for expectedLeft in [2, 1, 0] {
                let response = try await Sandboxes.bc(sandbox, "/v3/channels")
                #expect(response.status == 200)
                #expect(response.header("X-Rate-Limit-Requests-Left") == String(expectedLeft))
                #expect(response.header("X-Rate-Limit-Requests-Quota") == "3")
                #expect(response.header("X-Rate-Limit-Time-Window-Ms") == "60000")
            }
            let limited = try await Sandboxes.bc(sandbox, "/v3/channels")
            #expect(limited.status == 429)
            #expect(limited.header("X-Rate-Limit-Requests-Left") == "0")
            let retryAfter = try #require(limited.header("X-Retry-After").flatMap(Int.init))
            #expect((1...60).contains(retryAfter))
            #expect(Int(limited.header("X-Rate-Limit-Time-Reset-Ms") ?? "") != nil)
            #expect(sandbox.bigCommerceFaults.counters.quotaExhausted == 1)
        }
    }

    @Test func sameSeedGivesSameBytes() async throws {
        let path = "/v3/catalog/products?limit=250&include=variants,images,custom_fields,channels"
        let first = try await Sandboxes.with(SandboxConfiguration(seed: 9, productCount: 300)) { try await Sandboxes.bc($0, path).body }
        let second = try await Sandboxes.with(SandboxConfiguration(seed: 9, productCount: 300)) { try await Sandboxes.bc($0, path).body }
        let other = try await Sandboxes.with(SandboxConfiguration(seed: 10, productCount: 300)) { try await Sandboxes.bc($0, path).body }
        #expect(!first.isEmpty)
        #expect(first == second)
        #expect(first != other)
        #expect(SandboxCatalog(seed: 9).product(atIndex: 17) == SandboxCatalog(seed: 9).product(atIndex: 17))
    }

    @Test func overlayEditsAreServed() async throws {
        try await Sandboxes.with { sandbox in
            sandbox.store.updateProduct(id: 103) { $0.name = "Renamed" }
            sandbox.store.deleteProduct(id: 106)
            let page = try await Sandboxes.bc(sandbox, "/v3/catalog/products?id%3Ain=103,106,109")
            let names = (page.object["data"] as? [[String: Any]])?.map { $0["id"] as? Int }
            #expect(names == [103, 109])
            #expect(((page.object["data"] as? [[String: Any]])?.first?["name"] as? String) == "Renamed")
            let total = ((page.object["meta"] as? [String: Any])?["pagination"] as? [String: Any])?["total"] as? Int
            #expect(total == 2)
            let all = try await Sandboxes.bc(sandbox, "/v3/catalog/products?limit=1")
            #expect((((all.object["meta"] as? [String: Any])?["pagination"] as? [String: Any])?["total"] as? Int) == 199)
            let modified = try await Sandboxes.bc(sandbox, "/v3/catalog/products?sort=date_modified&direction=desc&limit=1")
            #expect(((modified.object["data"] as? [[String: Any]])?.first?["id"] as? Int) == 103)
        }
    }

    @Test func injectedFaultsAreServed() async throws {
        try await Sandboxes.with { sandbox in
            sandbox.bigCommerceFaults.configure {
                $0.malformedProductIDs = [103]
                $0.failingProductPages = [500]
            }
            let page = try await Sandboxes.bc(sandbox, "/v3/catalog/products?limit=3")
            let data = try #require(page.object["data"] as? [[String: Any]])
            #expect(data[1]["name"] as? Int == 12345)
            #expect(data[1]["price"] as? String == "n/a")
            #expect(try await Sandboxes.bc(sandbox, "/v3/catalog/products?id%3Agreater=500").status == 500)
            sandbox.bigCommerceFaults.configure { $0.dropConnectionRate = 1 }
            await #expect(throws: (any Error).self) {
                _ = try await Sandboxes.bc(sandbox, "/v3/channels")
            }
            sandbox.bigCommerceFaults.configure { $0.dropConnectionRate = 0; $0.rateLimitStormRate = 1 }
            let storm = try await Sandboxes.bc(sandbox, "/v3/channels")
            #expect(storm.status == 429)
            #expect(storm.header("X-Rate-Limit-Requests-Left") == nil)
            #expect(sandbox.bigCommerceFaults.counters.droppedConnections == 1)
        }
    }
}
