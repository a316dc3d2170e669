import AsyncHTTPClient
import CatalogMapping
import ClerkAPI
import Foundation
import Logging
import Reliability
import Sandbox
import StorefrontRegistry
import Synchronization
import SyncStore
import Testing

@testable import Storefront

/// A merchandising source whose answers a test sets, counting reads.
final class StubMerchandising: MerchandisingSource {
    struct State {
        var settings = MerchandisingSettings.unknown
        var failing = false
        var reads = 0
    }

    let state = Mutex(State())

    func merchandisingSettings(channelID: Int) async throws -> MerchandisingSettings {
        try state.withLock { state in
            state.reads += 1
            if state.failing {
                throw CancellationError()
            }
            return state.settings
        }
    }
}

/// Search against the Clerk sandbox on loopback: sorts, filters, facets, pages and predictive as mapping.md §7
/// and contract.md say, asserted on what reached Clerk.
@Suite(.serialized) struct SearchServiceTests {
    let usd = SourceCurrency(
        code: "USD", exchangeRate: 1, decimalPlaces: 2, isDefault: true,
        display: CurrencyDisplay(token: "$", tokenOnLeft: true, decimalToken: ".", thousandsToken: ","))

    /// Like the sandbox store's settings: every filter type, `Color` shown as "Colour", `Size (EU)` disabled.
    static let storeFilters = [
        ProductFilterSetting(type: "category", sourceName: "category", displayName: "Category"),
        ProductFilterSetting(type: "brand", sourceName: "brand", displayName: "Brand"),
        ProductFilterSetting(type: "price", sourceName: "price", displayName: "Price"),
        ProductFilterSetting(type: "rating", sourceName: "rating", displayName: "Rating"),
        ProductFilterSetting(type: "product", sourceName: "Color", displayName: "Colour"),
        ProductFilterSetting(type: "product", sourceName: "Size (EU)", displayName: "EU size", isEnabled: false),
        ProductFilterSetting(type: "product", sourceName: "Size", displayName: "Size"),
        ProductFilterSetting(type: "custom", sourceName: "Material", displayName: "Material"),
        ProductFilterSetting(type: "other", sourceName: "bool", displayName: "Other", showInStockFilter: true),
    ]

    /// Five products, the same in the mirror and in the Clerk sandbox (as after a reindex); 4 is hidden.
    static let products = [
        #"{"id":1,"name":"Trail Shoe","brand":"Acme","categories":[10],"category_names":["Shoes"],"price":120,"rating":4.5,"option_size":["8","9"],"option_color":["Red"],"cf_material":"Leather","in_stock":true,"is_featured":true,"created_at":100,"total_sold":50,"featured_rank":2147483653,"index":true}"#,
        #"{"id":2,"name":"Road Shoe","brand":"Zed","categories":[10,11],"category_names":["Shoes","Socks"],"price":80,"rating":3.9,"option_size":["9","10"],"option_color":["Blue"],"cf_material":"Mesh","in_stock":false,"is_featured":false,"created_at":300,"total_sold":90,"featured_rank":6442450944,"index":true}"#,
        #"{"id":3,"name":"Wool Sock","brand":"Acme","categories":[11],"category_names":["Socks"],"price":15,"rating":4.9,"option_size":["M"],"option_color":["Red","Blue"],"cf_material":"Wool","in_stock":true,"is_featured":false,"created_at":200,"total_sold":10,"featured_rank":6442450941,"index":true}"#,
        #"{"id":4,"name":"Hidden Shoe","brand":"Acme","categories":[10],"category_names":["Shoes"],"price":200,"rating":5,"option_size":["9"],"option_color":["Red"],"cf_material":"Wool","in_stock":true,"is_featured":true,"created_at":400,"total_sold":1000,"featured_rank":2147483648,"index":false}"#,
        #"{"id":5,"name":"Court Shoe","brand":"Zed","categories":[10],"category_names":["Shoes"],"price":45.5,"option_size":["8"],"option_color":["White"],"cf_material":"Canvas","in_stock":true,"is_featured":true,"created_at":50,"total_sold":70,"featured_rank":2147483649,"index":true}"#,
    ]

    static let categories = [
        #"{"id":10,"name":"Shoes","url":"https://shop.example.com/shoes/"}"#,
        #"{"id":11,"name":"Socks","url":"https://shop.example.com/socks/"}"#,
    ]

    /// Runs `body` with a service whose Clerk budget is generous unless a test passes its own, so a loaded test run
    /// cannot turn Clerk's answer into a timeout.
    func withService(
        budget: Duration = .seconds(10), _ body: (SandboxServer, SearchService, ResolvedStorefront, StubMerchandising) async throws -> Void
    ) async throws {
        let sandbox = try await SandboxServer.start(SandboxConfiguration(productCount: 1))
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let clerk = ClerkClient(baseURL: sandbox.clerkURL, httpClient: http, timeout: .seconds(10), logger: Logger(label: "test"))
        let store = try SQLiteSyncStore.inMemory()
        func stored(_ json: String) throws -> StoredDocument {
            let id = try #require((try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["id"] as? Int)
            return StoredDocument(id: id, contentHash: "h\(id)", json: Array(json.utf8))
        }
        let products = try Self.products.map(stored)
        let categories = try Self.categories.map(stored)
        try await store.upsertMirror(storefront: "main", entity: .product, documents: products)
        try await store.upsertMirror(storefront: "main", entity: .category, documents: categories)
        let keys = ClerkStoreKeys(publicKey: sandbox.clerkStores[0].publicKey, privateKey: sandbox.clerkStores[0].privateKey)
        try await clerk.upsertProducts(products.map { RawDocument(id: $0.id, json: $0.json) }, keys: keys)
        try await clerk.upsertCategories(categories.map { RawDocument(id: $0.id, json: $0.json) }, keys: keys)
        let source = StubMerchandising()
        source.state.withLock {
            $0.settings = MerchandisingSettings(storeFilters: Self.storeFilters, defaultSortName: "newest", filteringEnabled: true)
        }
        let service = SearchService(
            clerk: clerk, mirror: store, merchandising: MerchandisingCache(source: source), budget: budget)
        do {
            try await body(sandbox, service, ResolvedStorefront(storefront: Storefront(name: "main", channelID: 1, currency: "USD", locale: "en", baseURL: "https://shop.example.com"), clerkKeys: keys, currency: usd), source)
        } catch {
            try await http.shutdown()
            await sandbox.shutdown()
            throw error
        }
        try await http.shutdown()
        await sandbox.shutdown()
    }

    func lastCall(_ sandbox: SandboxServer, _ shop: ResolvedStorefront) throws -> ClerkLogCall {
        try #require(sandbox.clerkStorage.logCalls(publicKey: shop.clerkKeys.publicKey).last)
    }

    @Test func everySortReachesClerkAsTheMappingSays() async throws {
        try await withService { sandbox, service, shop, _ in
            let expected: [(SearchSort, String?, String?, [Int])] = [
                (.relevance, nil, nil, [1, 2, 3, 5]),
                (.featured, "featured_rank", "asc", [5, 1, 3, 2]),
                (.newest, "created_at", "desc", [2, 3, 1, 5]),
                (.bestselling, "total_sold", "desc", [2, 5, 1, 3]),
                (.alphaasc, "name", "asc", [5, 2, 1, 3]),
                (.alphadesc, "name", "desc", [3, 1, 2, 5]),
                (.avgcustomerreview, "rating", "desc", [3, 1, 2, 5]),
                (.priceasc, "price", "asc", [3, 5, 2, 1]),
                (.pricedesc, "price", "desc", [1, 2, 5, 3]),
            ]
            #expect(expected.count == SearchSort.allCases.count)
            for (sort, orderby, order, ids) in expected {
                let answer = try await service.search(SearchRequest(sort: sort.rawValue), storefront: shop)
                let call = try lastCall(sandbox, shop)
                #expect(call.endpoint == "search/search")
                #expect(call["orderby"]?.stringValue == orderby && call["order"]?.stringValue == order, "\(sort)")
                #expect(answer.sort == sort.rawValue)
                #expect(answer.items.map(\.id) == ids, "\(sort): Clerk's order, hidden 4 dropped")
            }
        }
    }

    @Test func withoutSortAQueryIsRelevanceAndBrowsingIsTheStoresDefault() async throws {
        try await withService { sandbox, service, shop, _ in
            let browsing = try await service.search(SearchRequest(), storefront: shop)
            #expect(browsing.sort == "newest" && browsing.query == nil)
            #expect(try lastCall(sandbox, shop)["orderby"]?.stringValue == "created_at")
            let searching = try await service.search(SearchRequest(query: "shoe", visitor: "v1"), storefront: shop)
            #expect(searching.sort == "relevance" && searching.query == "shoe")
            let call = try lastCall(sandbox, shop)
            #expect(call["orderby"] == nil && call["query"]?.stringValue == "shoe")
            #expect(call["visitor"]?.stringValue == "v1" && call["labels"] == ["Search"])
            #expect(searching.items.map(\.id) == [1, 2, 5])
        }
    }

    @Test func everyFilterTypeReachesClerkAsItsFilter() async throws {
        try await withService { sandbox, service, shop, _ in
            let cases: [([String: [String]], String, [Int])] = [
                (["brand": ["Acme"]], #"brand = "Acme""#, [1, 3]),
                (["brand": ["Acme", "Zed"]], #"(brand = "Acme" or brand = "Zed")"#, [1, 2, 3, 5]),
                (["category": ["11"]], "categories contains 11", [2, 3]),
                (["option_Size": ["9"]], #"option_size contains "9""#, [1, 2]),
                (["option_Color": ["Blue", "White"]], #"(option_color contains "Blue" or option_color contains "White")"#, [2, 3, 5]),
                (["cf_Material": ["Wool"]], #"cf_material = "Wool""#, [3]),
                (["price_min": ["40"], "price_max": ["100"]], "price >= 40 and price <= 100", [2, 5]),
                (["rating_min": ["4"]], "rating >= 4", [1, 3]),
                (["in_stock": ["true"]], "in_stock = true", [1, 3, 5]),
                (["brand": ["Zed"], "in_stock": ["true"]], #"brand = "Zed" and in_stock = true"#, [5]),
                (["brand": [#"Acme" or brand != "x"#]], #"brand = "Acme\" or brand != \"x""#, []),
            ]
            for (filters, rendered, ids) in cases {
                let answer = try await service.search(SearchRequest(sort: "relevance", filters: filters), storefront: shop)
                let call = try lastCall(sandbox, shop)
                #expect(call["filter"]?.stringValue == rendered, "\(filters)")
                #expect(answer.items.map(\.id) == ids, "\(filters)")
            }
            _ = try await service.search(SearchRequest(filters: ["in_stock": ["false"]]), storefront: shop)
            #expect(try lastCall(sandbox, shop)["filter"] == nil, "in_stock=false restricts nothing")
        }
    }

    @Test func facetsComeInTheStoresOrderWithItsNamesAndLabels() async throws {
        try await withService { sandbox, service, shop, _ in
            let answer = try await service.search(SearchRequest(sort: "relevance"), storefront: shop)
            #expect(try lastCall(sandbox, shop)["facets"] == [
                "categories", "brand", "price", "rating", "option_color", "option_size", "cf_material", "in_stock",
            ])
            #expect(answer.facets.map(\.attribute) == [
                "categories", "brand", "price", "rating", "option_color", "option_size", "cf_material", "in_stock",
            ], "disabled Size (EU) absent")
            #expect(answer.facets.map(\.name) == ["Category", "Brand", "Price", "Rating", "Colour", "Size", "Material", "Other"])
            #expect(answer.facets.map(\.type) == ["unit", "unit", "range", "range", "unit", "unit", "unit", "unit"])
            // Ratings 4.5, 3.9 and 4.9 (the hidden product's 5 is not counted) as "N stars & up".
            #expect(answer.facets[3].values == [
                .range(min: 4, max: 5, count: 2), .range(min: 3, max: 5, count: 3), .range(min: 2, max: 5, count: 3),
                .range(min: 1, max: 5, count: 3),
            ])
            let categories = try #require(answer.facets.first)
            #expect(Set(categories.values) == [
                .unit(value: "10", label: "Shoes", count: 3), .unit(value: "11", label: "Socks", count: 2),
            ])
            #expect(answer.facets[1].values.contains(.unit(value: "Acme", label: "Acme", count: 2)))
            #expect(answer.facets[2].values.contains(.range(min: 0, max: Decimal(string: "24.99")!, count: 1)))
            #expect(answer.facets[7].values == [.unit(value: "true", label: "In stock", count: 3)])

            let json = String(decoding: try JSONEncoder().encode(answer.facets[2]), as: UTF8.self)
            #expect(json.contains(#""min":0"#) && json.contains(#""count":1"#) && !json.contains("label"))
        }
    }

    @Test func aCategoryPagesOverrideAppliesWhenTheSearchIsFilteredToThatCategory() async throws {
        try await withService { sandbox, service, shop, source in
            source.state.withLock {
                $0.settings.categoryFilters[11] = [ProductFilterSetting(type: "brand", sourceName: "brand", displayName: "Maker")]
            }
            let page = try await service.search(SearchRequest(filters: ["category": ["11"]]), storefront: shop)
            #expect(page.facets.map(\.name) == ["Maker"] && page.sort == "newest")
            #expect(try lastCall(sandbox, shop)["facets"] == ["brand"])
            #expect(page.items.map(\.id) == [2, 3])

            let both = try await service.search(SearchRequest(filters: ["category": ["10", "11"]]), storefront: shop)
            #expect(both.facets.count == 8, "two categories: the channel's settings")
            let other = try await service.search(SearchRequest(filters: ["category": ["10"]]), storefront: shop)
            #expect(other.facets.count == 8, "a category without an override: the channel's settings")
            #expect(source.state.withLock { $0.reads } == 1, "one read of the channel serves every category")
        }
    }

    @Test func pagesAreOffsetsOfTheLimitAndTheTotalIsClerks() async throws {
        try await withService { sandbox, service, shop, _ in
            let second = try await service.search(SearchRequest(page: 2, limit: 2, sort: "priceasc"), storefront: shop)
            let call = try lastCall(sandbox, shop)
            #expect(call["offset"]?.intValue == 2 && call["limit"]?.intValue == 2)
            #expect(second.items.map(\.id) == [2, 1] && second.page == 2 && second.limit == 2)
            #expect(second.total == 4, "Clerk's hits, which leave the hidden product out")
            _ = try await service.search(SearchRequest(page: 1, limit: 2), storefront: shop)
            #expect(try lastCall(sandbox, shop)["offset"] == nil, "offset 0 is not sent")
        }
    }

    @Test func callersMistakesAreErrorsNamingTheParameter() async throws {
        try await withService { _, service, shop, _ in
            await #expect(throws: SearchSortError(value: "cheapest")) {
                try await service.search(SearchRequest(sort: "cheapest"), storefront: shop)
            }
            await #expect(throws: ShopperFilterError.unknownParameter("colour")) {
                try await service.search(SearchRequest(filters: ["colour": ["red"]]), storefront: shop)
            }
            await #expect(throws: ShopperFilterError.notANumber(parameter: "price_min", value: "cheap")) {
                try await service.search(SearchRequest(filters: ["price_min": ["cheap"]]), storefront: shop)
            }
        }
    }

    @Test func predictiveGivesProductsCategoriesAndSuggestions() async throws {
        try await withService { sandbox, service, shop, _ in
            let answer = try await service.predictive(query: "sho", limit: 3, visitor: "v1", storefront: shop)
            #expect(answer.query == "sho")
            #expect(answer.items.map(\.id) == [1, 2, 5], "hidden 4 not matched")
            #expect(answer.categories == [PredictiveResults.Category(id: 10, name: "Shoes", url: "https://shop.example.com/shoes/")])
            #expect(answer.suggestions == ["Court Shoe", "Road Shoe", "Trail Shoe"], "the hidden product is not suggested")
            let calls = sandbox.clerkStorage.logCalls(publicKey: shop.clerkKeys.publicKey)
            #expect(Set(calls.map(\.endpoint)) == ["search/predictive", "search/categories", "search/suggestions"])
            let predictive = try #require(calls.first { $0.endpoint == "search/predictive" })
            #expect(predictive["labels"] == ["Instant Search"] && predictive["visitor"]?.stringValue == "v1")
        }
    }

    @Test func clerkDownIsSearchUnavailable() async throws {
        try await withService { sandbox, service, shop, _ in
            sandbox.clerkFaults.configure { $0.down = true }
            await #expect(throws: SearchUnavailable.self) {
                try await service.search(SearchRequest(query: "shoe"), storefront: shop)
            }
            await #expect(throws: SearchUnavailable.self) {
                try await service.predictive(query: "shoe", limit: 5, visitor: nil, storefront: shop)
            }
        }
    }

    @Test func clerkSlowerThanTheBudgetIsUnavailableWithinIt() async throws {
        try await withService(budget: .milliseconds(200)) { sandbox, service, shop, _ in
            sandbox.clerkFaults.configure { $0.latency = .seconds(60) }
            let started = ContinuousClock.now
            await #expect(throws: SearchUnavailable.self) {
                try await service.search(SearchRequest(query: "shoe"), storefront: shop)
            }
            let elapsed = ContinuousClock.now - started
            // Only the 200 ms budget can end the call this early; the bound leaves a loaded machine half a minute.
            #expect(elapsed < .seconds(30), "answered before Clerk's 60 s, after \(elapsed)")
        }
    }
}
