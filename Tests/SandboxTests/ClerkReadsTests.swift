import Foundation
import JSONSupport
import Sandbox
import Testing

/// The Clerk simulator's recommendations and search endpoints over HTTP: rankings from the stored documents,
/// the visitor's logged views and the stored orders; `filter`, `exclude`, `limit`, paging, ordering, facets; the
/// error envelopes; and the call log.
@Suite("Clerk simulator recommendations and search")
struct ClerkReadsTests {
    static let store = SandboxClerkStore.defaults[0]

    static let products: JSONValue = [
        [
            "id": 1, "name": "Trail Shoe", "price": .number("59.99"), "total_sold": 10,
            "created_at": "2026-01-03T10:00:00Z",
            "categories": [1, 2], "brand": "Acme", "on_sale": true, "tags": ["Outlet"],
        ],
        [
            "id": 2, "name": "Road Shoe", "price": .number("89.00"), "total_sold": 30,
            "created_at": "2026-02-01T10:00:00Z",
            "categories": [1], "brand": "Bolt", "on_sale": false,
        ],
        [
            "id": 3, "name": "Trail Sock", "price": .number("9.5"), "total_sold": 5,
            "created_at": "2026-03-01T10:00:00Z",
            "categories": [2, 3], "brand": "Acme", "on_sale": false,
        ],
        [
            "id": 4, "name": "Rain Jacket", "price": 120, "total_sold": 30, "created_at": "2025-12-01T10:00:00Z",
            "categories": [3], "brand": "Bolt", "on_sale": true, "tags": ["Outlet", "New"],
        ],
        [
            "id": 5, "name": "Cap", "price": 15, "total_sold": 0, "created_at": "2026-01-15T10:00:00Z",
            "categories": [4],
            "brand": "Cappy", "on_sale": false,
        ],
    ]

    static let categories: JSONValue = [
        ["id": 1, "name": "Shoes", "url": "https://shop/shoes/"],
        ["id": 2, "name": "Trail", "url": "https://shop/trail/"],
        ["id": 3, "name": "Outerwear", "url": "https://shop/outerwear/"],
        ["id": 4, "name": "Hats", "url": "https://shop/hats/"],
    ]

    static func post(_ sandbox: SandboxServer, _ endpoint: String, _ members: [(String, JSONValue)]) async throws
        -> Fetched
    {
        let body = JSONValue.object(
            [(key: "key", value: .string(Self.store.publicKey))] + members.map { (key: $0.0, value: $0.1) })
        return try await Sandboxes.fetch(
            "\(sandbox.clerkURL.absoluteString)/\(endpoint)", method: "POST", token: nil, body: body.encoded())
    }

    func withCatalog(_ body: (SandboxServer) async throws -> Void) async throws {
        try await Sandboxes.with(SandboxConfiguration(productCount: 1)) { sandbox in
            let secret: [(String, JSONValue)] = [("private_key", .string(Self.store.privateKey))]
            try await Self.expectOK(sandbox, "products", secret + [("products", Self.products)])
            try await Self.expectOK(sandbox, "categories", secret + [("categories", Self.categories)])
            try await body(sandbox)
        }
    }

    static func expectIDs(
        _ sandbox: SandboxServer, _ endpoint: String, _ members: [(String, JSONValue)], _ expected: [Int],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let found = try await ids(sandbox, endpoint, members)
        #expect(found == expected, "\(endpoint)", sourceLocation: sourceLocation)
    }

    static func expectOK(
        _ sandbox: SandboxServer, _ endpoint: String, _ members: [(String, JSONValue)],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let response = try await post(sandbox, endpoint, members)
        #expect(
            response.status == 200, "\(String(decoding: response.body, as: UTF8.self))", sourceLocation: sourceLocation)
    }

    static func ids(_ sandbox: SandboxServer, _ endpoint: String, _ members: [(String, JSONValue)]) async throws
        -> [Int]
    {
        let response = try await Self.post(sandbox, endpoint, members)
        #expect(response.status == 200, "\(String(decoding: response.body, as: UTF8.self))")
        #expect(response.object["status"] as? String == "ok")
        return response.object["result"] as? [Int] ?? []
    }

    @Test func storeWideAndCategoryRankings() async throws {
        try await withCatalog { sandbox in
            let limit: [(String, JSONValue)] = [("limit", 10), ("labels", ["Home"])]
            try await Self.expectIDs(sandbox, "recommendations/popular", limit, [2, 4, 1, 3, 5])
            try await Self.expectIDs(sandbox, "recommendations/trending", limit, [2, 4, 1, 3, 5])
            try await Self.expectIDs(sandbox, "recommendations/new", limit, [3, 2, 5, 1, 4])
            try await Self.expectIDs(sandbox, "recommendations/popular", [("limit", 2), ("exclude", [2])], [4, 1])
            try await Self.expectIDs(
                sandbox, "recommendations/popular", limit + [("filter", "brand = 'Acme' or price > 100")], [4, 1, 3])
            try await Self.expectIDs(sandbox, "recommendations/category/popular", limit + [("category", 2)], [1, 3])
            try await Self.expectIDs(sandbox, "recommendations/category/trending", limit + [("category", 3)], [4, 3])
            try await Self.expectIDs(sandbox, "recommendations/category/new", limit + [("category", 1)], [2, 1])
            try await Self.expectIDs(sandbox, "recommendations/category/new", limit + [("category", 99)], [])
            try await Self.expectIDs(
                sandbox, "recommendations/keywords", limit + [("keywords", "Trail running")], [1, 3])
            for endpoint in ["complementary", "substituting", "most_sold_with"] {
                try await Self.expectIDs(sandbox, "recommendations/\(endpoint)", limit + [("products", [1])], [2, 3])
            }
            try await Self.expectIDs(sandbox, "recommendations/complementary", limit + [("products", [3])], [4, 1])
        }
    }

    @Test func visitorAndCustomerRecommendationsFollowTheirHistory() async throws {
        try await withCatalog { sandbox in
            for (product, visitor) in [(1, "v1"), (2, "other"), (3, "v1")] {
                try await Self.expectOK(
                    sandbox, "log/product", [("product", .int(product)), ("visitor", .string(visitor))])
            }
            try await Self.expectOK(sandbox, "log/cart/add", [("products", [["id": 5, "qty": 1]]), ("visitor", "v1")])
            try await Self.expectOK(sandbox, "log/product", [("product", 1), ("visitor", "v1")])
            let v1: [(String, JSONValue)] = [("limit", 10), ("visitor", "v1"), ("labels", ["History"])]
            try await Self.expectIDs(sandbox, "recommendations/visitor/history", v1, [1, 5, 3])
            try await Self.expectIDs(sandbox, "recommendations/visitor/complementary", v1, [2, 4])
            try await Self.expectIDs(sandbox, "recommendations/visitor/substituting", v1 + [("exclude", [2])], [4])
            try await Self.expectIDs(
                sandbox, "recommendations/visitor/history", [("limit", 10), ("visitor", "nobody")], [])

            for (sale, product) in [("s1", 4), ("s2", 1)] {
                let line: JSONValue = [["id": .int(product), "quantity": 1, "price": .number("1.5")]]
                try await Self.expectOK(
                    sandbox, "log/sale", [("sale", .string(sale)), ("products", line), ("email", "ann@example.com")])
            }
            let ann: [(String, JSONValue)] = [("limit", 10), ("email", "ann@example.com")]
            try await Self.expectIDs(sandbox, "recommendations/customer/history", ann, [1, 4])
            try await Self.expectIDs(sandbox, "recommendations/customer/complementary", ann, [3, 2])
            try await Self.expectIDs(
                sandbox, "recommendations/customer/substituting", ann + [("filter", "on_sale = false and price < 50")],
                [3])
            try await Self.expectIDs(
                sandbox, "recommendations/customer/history", [("limit", 10), ("email", "bob@example.com")], [])

            let recorded = sandbox.clerkStorage.logCalls(publicKey: Self.store.publicKey).filter {
                $0.endpoint.hasPrefix("recommendations/")
            }
            #expect(recorded.count == 8)
            #expect(recorded[2].endpoint == "recommendations/visitor/substituting")
            #expect(recorded[2].method == "POST")
            #expect(recorded[2].parameters == ["exclude": [2], "labels": ["History"], "limit": 10, "visitor": "v1"])
        }
    }

    @Test func recommendationErrorsAreEnvelopes() async throws {
        try await withCatalog { sandbox in
            let unknown = try await Self.post(sandbox, "recommendations/nope", [("limit", 1)])
            #expect(unknown.status == 404)
            #expect(unknown.object["status"] as? String == "error")
            #expect(unknown.object["type"] as? String == "LogicalError")
            let refused: [(String, [(String, JSONValue)])] = [
                ("recommendations/popular", []),
                ("recommendations/complementary", [("limit", 1)]),
                ("recommendations/category/new", [("limit", 1)]),
                ("recommendations/visitor/history", [("limit", 1)]),
                ("recommendations/customer/history", [("limit", 1)]),
                ("recommendations/popular", [("limit", 1), ("filter", "price >")]),
                ("recommendations/popular", [("limit", 1), ("visitor", "not valid!")]),
                ("recommendations/popular", [("limit", 0)]),
            ]
            for (endpoint, members) in refused {
                let response = try await Self.post(sandbox, endpoint, members)
                #expect(response.status == 400, "\(endpoint) \(members)")
                #expect(response.object["type"] as? String == "ParsingError")
            }
            let noKey = try await Sandboxes.fetch(
                "\(sandbox.clerkURL.absoluteString)/recommendations/popular", method: "POST", token: nil,
                body: Array(#"{"key":"wrong","limit":1}"#.utf8))
            #expect(noKey.status == 401)
            #expect(noKey.object["type"] as? String == "AuthenticationError")
            #expect(sandbox.clerkStorage.logCalls().allSatisfy { !$0.endpoint.hasPrefix("recommendations/") })
        }
    }

    @Test func getWithQueryParametersWorksToo() async throws {
        try await withCatalog { sandbox in
            let url =
                "\(sandbox.clerkURL.absoluteString)/recommendations/complementary?key=\(Self.store.publicKey)"
                + "&limit=1&products=\(Sandboxes.percentEncoded("[1]"))&labels=\(Sandboxes.percentEncoded(#"["PDP"]"#))"
            let response = try await Sandboxes.fetch(url, token: nil)
            #expect(response.object["result"] as? [Int] == [2])
            let call = try #require(sandbox.clerkStorage.logCalls().last)
            #expect(call.method == "GET")
            #expect(call.parameters == ["labels": ["PDP"], "limit": 1, "products": [1]])
        }
    }

    @Test func searchPagesOrdersFiltersAndFacets() async throws {
        try await withCatalog { sandbox in
            let shoe = try await Self.post(
                sandbox, "search/search", [("query", "SHOE"), ("limit", 10), ("labels", ["Search"])])
            #expect(shoe.object["result"] as? [Int] == [1, 2])
            #expect(shoe.object["hits"] as? Int == 2)
            try await Self.expectIDs(
                sandbox, "search/search", [("query", "shoe"), ("limit", 10), ("orderby", "price"), ("order", "desc")],
                [2, 1])
            try await Self.expectIDs(
                sandbox, "search/search", [("query", ""), ("limit", 10), ("orderby", "tags")], [1, 4, 2, 3, 5])
            let page = try await Self.post(sandbox, "search/search", [("query", "shoe"), ("limit", 1), ("offset", 1)])
            #expect(page.object["result"] as? [Int] == [2])
            #expect(page.object["count"] as? Int == 1)
            #expect(page.object["hits"] as? Int == 2)
            try await Self.expectIDs(
                sandbox, "search/search",
                [("query", ""), ("limit", 10), ("filter", "price < 100 and brand in ['Acme']")], [1, 3])
            try await Self.expectIDs(
                sandbox, "search/search", [("query", ""), ("limit", 10), ("filter", "colour = 'red'")], [])
            ClerkReadsTests.expectParsing(
                try await Self.post(sandbox, "search/search", [("query", ""), ("limit", 1), ("filter", "(price")]))

            let faceted = try await Self.post(
                sandbox, "search/search",
                [("query", "trail"), ("limit", 1), ("facets", ["brand", "price", "categories", "colour"])])
            let facets = try #require(faceted.object["facets"] as? [String: [[String: Any]]])
            #expect(faceted.object["hits"] as? Int == 2)
            #expect(
                facets["brand"]?.map { [$0["type"] as? String, $0["name"] as? String, $0["value"] as? String] } == [
                    ["unit", "Acme", "Acme"]
                ])
            #expect(facets["brand"]?.map { $0["count"] as? Int } == [2])
            #expect(facets["categories"]?.map { $0["name"] as? String } == ["Trail", "Shoes", "Outerwear"])
            #expect(facets["categories"]?.map { $0["value"] as? Int } == [2, 1, 3])
            #expect(facets["categories"]?.map { $0["count"] as? Int } == [2, 1, 1])
            #expect(facets["price"]?.map { $0["name"] as? String } == ["0 - 24", "50 - 74"])
            #expect(facets["price"]?.map { $0["type"] as? String } == ["range", "range"])
            #expect(facets["price"]?.map { ($0["min"] as? NSNumber)?.doubleValue } == [0, 50])
            #expect(facets["price"]?.map { ($0["max"] as? NSNumber)?.doubleValue } == [24.99, 74.99])
            #expect(facets["colour"]?.isEmpty == true)
        }
    }

    @Test func predictiveCategoriesAndSuggestions() async throws {
        try await withCatalog { sandbox in
            let predictive = try await Self.post(
                sandbox, "search/predictive",
                [("query", "trail"), ("limit", 50), ("visitor", "v1"), ("labels", ["Instant"])])
            #expect(predictive.object["result"] as? [Int] == [1, 3])
            #expect(predictive.object["query"] as? String == "trail")
            #expect(predictive.object["hits"] as? Int == 2)
            #expect(try await Self.ids(sandbox, "search/predictive", [("query", ""), ("limit", 50)]).count == 5)
            try await Self.expectIDs(
                sandbox, "search/predictive", [("query", ""), ("limit", 3), ("filter", "on_sale = true")], [1, 4])

            let categories = try await Self.post(sandbox, "search/categories", [("query", "O"), ("limit", 10)])
            #expect(categories.object["result"] as? [Int] == [1, 3])
            let hits = try #require(categories.object["categories"] as? [[String: Any]])
            #expect(hits.map { $0["name"] as? String } == ["Shoes", "Outerwear"])
            #expect(hits.map { $0["url"] as? String } == ["https://shop/shoes/", "https://shop/outerwear/"])

            let suggestions = try await Self.post(sandbox, "search/suggestions", [("query", "trail"), ("limit", 10)])
            #expect(suggestions.object["result"] as? [String] == ["Trail Shoe", "Trail Sock"])
            let one = try await Self.post(sandbox, "search/suggestions", [("query", "shoe"), ("limit", 1)])
            #expect(one.object["result"] as? [String] == ["Road Shoe"])

            let unknown = try await Self.post(sandbox, "search/omni", [("query", "x"), ("limit", 1)])
            #expect(unknown.status == 404)
            #expect(unknown.object["type"] as? String == "LogicalError")
            ClerkReadsTests.expectParsing(try await Self.post(sandbox, "search/categories", [("limit", 1)]))

            let recorded = sandbox.clerkStorage.logCalls().map(\.endpoint).filter { $0.hasPrefix("search/") }
            #expect(
                recorded == [
                    "search/predictive", "search/predictive", "search/predictive", "search/categories",
                    "search/suggestions",
                    "search/suggestions",
                ])
            #expect(
                sandbox.clerkStorage.logCalls().first { $0.endpoint == "search/predictive" }?.parameters
                    == ["labels": ["Instant"], "limit": 50, "query": "trail", "visitor": "v1"])
        }
    }

    static func expectParsing(_ response: Fetched, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == 400, sourceLocation: sourceLocation)
        #expect(response.object["status"] as? String == "error", sourceLocation: sourceLocation)
        #expect(response.object["type"] as? String == "ParsingError", sourceLocation: sourceLocation)
    }
}
