import AsyncHTTPClient
import CatalogMapping
import ClerkAPI
import Foundation
import Logging
import Sandbox
import SyncStore
import Testing

@testable import Storefront

/// Placements against the Clerk sandbox on loopback: the fallback when Clerk is down or slower than the budget.
@Suite(.serialized) struct RecommendationServiceTests {
    let usd = SourceCurrency(
        code: "USD", exchangeRate: 1, decimalPlaces: 2, isDefault: true,
        display: CurrencyDisplay(token: "$", tokenOnLeft: true, decimalToken: ".", thousandsToken: ","))

    func withService(
        budget: Duration = .milliseconds(300), _ body: (SandboxServer, RecommendationService, Shop) async throws -> Void
    ) async throws {
        let sandbox = try await SandboxServer.start(SandboxConfiguration(productCount: 1))
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let clerk = ClerkClient(baseURL: sandbox.clerkURL, httpClient: http, timeout: .seconds(10), logger: Logger(label: "test"))
        let store = try SQLiteSyncStore.inMemory()
        // Ten products: id 1…10 sold 10×id times, in category 5 when even; product 4 hidden, 6 out of stock. The
        // same documents are in the mirror and in the Clerk sandbox, as after a reindex.
        let documents = (1...10).map { id in
            let categories = id % 2 == 0 ? "[5]" : "[7]"
            return StoredDocument(id: id, contentHash: "h\(id)", json: Array(
                #"{"categories":\#(categories),"id":\#(id),"in_stock":\#(id != 6),"index":\#(id != 4),"name":"P\#(id)","price":\#(id),"total_sold":\#(id * 10),"url":"https://shop.example.com/p\#(id)/"}"#.utf8))
        }
        try await store.upsertMirror(storefront: "main", entity: .product, documents: documents)
        let keys = ClerkStoreKeys(publicKey: sandbox.clerkStores[0].publicKey, privateKey: sandbox.clerkStores[0].privateKey)
        try await clerk.upsertProducts(documents.map { RawDocument(id: $0.id, json: $0.json) }, keys: keys)
        let service = RecommendationService(clerk: clerk, mirror: store, budget: budget)
        do {
            try await body(sandbox, service, Shop(name: "main", currency: usd, keys: keys))
        } catch {
            try await http.shutdown()
            await sandbox.shutdown()
            throw error
        }
        try await http.shutdown()
        await sandbox.shutdown()
    }

    @Test func clerksAnswerIsResolvedInItsOrderWithTheContextLabelsAndExclusions() async throws {
        try await withService { sandbox, service, shop in
            let category = Placement(name: "category", kind: .category, labels: ["Category - Popular"], limit: 3, inStockOnly: true)
            let answer = try await service.recommend(category, context: PlacementContext(category: 5, visitor: "v1"), shop: shop)
            #expect(answer.source == .clerk && answer.api == "recommendations/category/popular")
            // Clerk's order (best sold first in category 5); hidden 4 and out-of-stock 6 dropped.
            #expect(answer.items.map(\.card.id) == [10, 8, 2])
            let call = try #require(sandbox.clerkStorage.logCalls(publicKey: shop.keys.publicKey).last)
            #expect(call.endpoint == "recommendations/category/popular")
            #expect(call["category"]?.intValue == 5 && call["visitor"]?.stringValue == "v1")
            #expect(call["labels"] == ["Category - Popular"])

            let alternatives = Placement(name: "alt", kind: .productComplementary, labels: ["Together"], limit: 2)
            let forProduct = try await service.recommend(alternatives, context: PlacementContext(product: 8, cart: [10]), shop: shop)
            #expect(forProduct.source == .clerk)
            #expect(!forProduct.items.contains { [8, 10].contains($0.card.id) }, "the page's product and the cart are excluded")
            let sent = try #require(sandbox.clerkStorage.logCalls(publicKey: shop.keys.publicKey).last)
            #expect(sent["exclude"] == [8, 10] && sent["products"] == [8])
        }
    }

    @Test func clerkDownAnswersFromBestSellersInContextAndSaysSo() async throws {
        try await withService { sandbox, service, shop in
            sandbox.clerkFaults.configure { $0.down = true }
            let category = Placement(name: "category", kind: .category, labels: ["Category - Popular"], limit: 3, inStockOnly: true)
            let answer = try await service.recommend(category, context: PlacementContext(category: 5), shop: shop)
            #expect(answer.source == .fallback && answer.api == nil)
            // Best sellers of category 5, hidden 4 and out-of-stock 6 left out.
            #expect(answer.items.map(\.card.id) == [10, 8, 2])
            #expect(answer.items.map(\.position) == [0, 1, 2])
            #expect(answer.labels == ["Category - Popular"] && answer.currency == "USD")

            let alternatives = Placement(name: "alt", kind: .productAlternatives, labels: ["Alt"], limit: 4)
            let forProduct = try await service.recommend(alternatives, context: PlacementContext(product: 9, cart: [7]), shop: shop)
            #expect(forProduct.items.map(\.card.id) == [10, 8, 6, 5], "the page's product and the cart's are excluded")
        }
    }

    @Test func clerkSlowerThanTheBudgetAnswersWithinIt() async throws {
        try await withService(budget: .milliseconds(200)) { sandbox, service, shop in
            sandbox.clerkFaults.configure { $0.latency = .seconds(5) }
            let started = ContinuousClock.now
            let answer = try await service.recommend(Placement.defaults[0], context: PlacementContext(visitor: "v1"), shop: shop)
            let elapsed = ContinuousClock.now - started
            #expect(answer.source == .fallback && answer.items.count == 8)
            // Far below Clerk's 5 s; loose enough for a loaded machine.
            #expect(elapsed < .seconds(3), "answered after \(elapsed)")
        }
    }

    @Test func aMissingContextIsAnErrorNamingIt() async throws {
        try await withService { _, service, shop in
            await #expect(throws: PlacementPlan.MissingContext(parameter: "cart", placement: "cart")) {
                try await service.recommend(Placement.defaults[4], context: PlacementContext(), shop: shop)
            }
        }
    }
}
