import AsyncHTTPClient
import ClerkAPI
import Foundation
import Logging
import Sandbox
import Testing

/// Recommendations and search against the Clerk simulator: what the client sends is what the simulator
/// records, and its answers decode into the typed results.
extension SandboxIntegrationTests {
    func seed(_ client: ClerkClient, _ keys: ClerkStoreKeys) async throws {
        let products = [
            #"{"id":1,"name":"Trail Shoe","price":59.99,"total_sold":10,"categories":[1,2],"brand":"Acme"}"#,
            #"{"id":2,"name":"Road Shoe","price":89.00,"total_sold":30,"categories":[1],"brand":"Bolt"}"#,
            #"{"id":3,"name":"Trail Sock","price":9.5,"total_sold":5,"categories":[2],"brand":"Acme"}"#,
        ]
        try await client.upsertProducts(
            products.enumerated().map { RawDocument(id: $0.offset + 1, json: Array($0.element.utf8)) }, keys: keys)
        try await client.upsertCategories(
            [RawDocument(id: 2, json: Array(#"{"id":2,"name":"Trail","url":"https://shop/trail/"}"#.utf8))], keys: keys)
    }

    @Test func recommendationsArriveWithVisitorLabelsAndExclude() async throws {
        try await withSandbox { sandbox, client, keys in
            try await seed(client, keys)
            #expect(
                try await client.recommendations(
                    .popular, limit: 5, visitor: "aR9Km32l", labels: ["Home - Popular"], keys: keys) == [2, 1, 3])
            try await client.logProductView(productID: 3, visitor: "aR9Km32l", keys: keys)
            try await client.logProductView(productID: 1, visitor: "aR9Km32l", keys: keys)
            #expect(
                try await client.recommendations(
                    .visitorHistory, limit: 5, visitor: "aR9Km32l", labels: ["Recently viewed"], keys: keys) == [1, 3])
            #expect(
                try await client.recommendations(
                    .complementary(products: [1]), limit: 5, visitor: "aR9Km32l", labels: ["PDP"],
                    filter: "brand != 'Acme'",
                    exclude: [3], keys: keys) == [2])
            let calls = sandbox.clerkStorage.logCalls(publicKey: keys.publicKey).filter {
                $0.endpoint.hasPrefix("recommendations/")
            }
            #expect(
                calls.map(\.endpoint) == [
                    "recommendations/popular", "recommendations/visitor/history", "recommendations/complementary",
                ])
            #expect(
                calls.last?.parameters == [
                    "exclude": [3], "filter": "brand != 'Acme'", "labels": ["PDP"], "limit": 5, "products": [1],
                    "visitor": "aR9Km32l",
                ])
            let error = await #expect(throws: ClerkError.self) {
                try await client.recommendations(
                    .popular, limit: 5, visitor: nil, labels: ["L"], filter: "brand = ", keys: keys)
            }
            #expect(error?.kind == .parsing)
        }
    }

    @Test func searchEndpointsDecodeTheSimulatorsAnswers() async throws {
        try await withSandbox { sandbox, client, keys in
            try await seed(client, keys)
            let result = try await client.search(
                query: "", limit: 2, visitor: "aR9Km32l", labels: ["Search"], filter: "price < 100",
                facets: ["brand", "price"], orderBy: "price", order: .descending, keys: keys)
            #expect(result.ids == [2, 1])
            #expect(result.hits == 3)
            #expect(result.count == 2)
            #expect(
                result.facets["brand"] == [
                    .unit(name: "Acme", value: "Acme", count: 2), .unit(name: "Bolt", value: "Bolt", count: 1),
                ])
            #expect(
                result.facets["price"] == [
                    .range(name: "0 - 24", min: 0, max: Decimal(string: "24.99")!, count: 1),
                    .range(name: "50 - 74", min: 50, max: Decimal(string: "74.99")!, count: 1),
                    .range(name: "75 - 99", min: 75, max: Decimal(string: "99.99")!, count: 1),
                ])
            #expect(
                try await client.predictive(query: "trail", limit: 5, visitor: nil, labels: ["Instant"], keys: keys)
                    == [1, 3])
            #expect(
                try await client.categories(query: "tra", limit: 5, visitor: nil, keys: keys) == [
                    ClerkCategoryHit(id: 2, name: "Trail", url: "https://shop/trail/")
                ])
            #expect(
                try await client.suggestions(query: "shoe", limit: 5, visitor: nil, keys: keys) == [
                    "Road Shoe", "Trail Shoe",
                ])
            let search = try #require(
                sandbox.clerkStorage.logCalls(publicKey: keys.publicKey).first { $0.endpoint == "search/search" })
            #expect(
                search.parameters == [
                    "facets": ["brand", "price"], "filter": "price < 100", "labels": ["Search"], "limit": 2,
                    "order": "desc",
                    "orderby": "price", "query": "", "visitor": "aR9Km32l",
                ])
        }
    }

    @Test func aSlowClerkRunsIntoThePerCallTimeout() async throws {
        try await withSandbox { sandbox, client, keys in
            sandbox.clerkFaults.configure { $0.latency = .seconds(2) }
            for call in 0..<2 {
                let error = await #expect(throws: ClerkError.self) {
                    if call == 0 {
                        _ = try await client.recommendations(
                            .popular, limit: 1, visitor: nil, labels: ["L"], timeout: .milliseconds(200), keys: keys)
                    } else {
                        _ = try await client.search(
                            query: "x", limit: 1, visitor: nil, labels: ["L"], timeout: .milliseconds(200), keys: keys)
                    }
                }
                #expect(error?.kind == .timeout)
            }
            sandbox.clerkFaults.clearFaults()
        }
    }
}
