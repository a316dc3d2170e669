import AsyncHTTPClient
import CatalogMapping
import ClerkAPI
import Foundation
import Logging
import Reliability
import Sandbox
import StorefrontRegistry
import SyncStore
import Testing

@testable import Storefront

/// Placements against the Clerk sandbox on loopback: the fallback when Clerk is down or slower than the budget.
@Suite(.serialized) struct RecommendationServiceTests {
    /// Runs `body` with a service whose Clerk budget is generous unless a test passes its own, so a loaded test run
    /// cannot turn Clerk's answer into a timeout.
    func withService(
        budget: Duration = .seconds(10), _ body: (SandboxServer, RecommendationService, ResolvedStorefront) async throws -> Void
    ) async throws {
        try await SandboxCatalog.with { sandbox, clerk, store, shop in
            try await body(sandbox, RecommendationService(clerk: clerk, mirror: store, budget: budget), shop)
        }
    }

    @Test func clerksAnswerIsResolvedInItsOrderWithTheContextLabelsAndExclusions() async throws {
        try await withService { sandbox, service, shop in
            let category = Placement(name: "category", kind: .category, labels: ["Category - Popular"], limit: 3, inStockOnly: true)
            let answer = try await service.recommend(category, context: PlacementContext(category: 5, visitor: "v1"), storefront: shop)
            #expect(answer.source == .clerk && answer.api == "recommendations/category/popular")
            // Clerk's order (best sold first in category 5); hidden 4 and out-of-stock 6 dropped.
            #expect(answer.items.map(\.card.id) == [10, 8, 2])
            let call = try #require(sandbox.clerkStorage.logCalls(publicKey: shop.clerkKeys.publicKey).last)
            #expect(call.endpoint == "recommendations/category/popular")
            #expect(call["category"]?.intValue == 5 && call["visitor"]?.stringValue == "v1")
            #expect(call["labels"] == ["Category - Popular"])

            let alternatives = Placement(name: "alt", kind: .productComplementary, labels: ["Together"], limit: 2)
            let forProduct = try await service.recommend(alternatives, context: PlacementContext(product: 8, cart: [10]), storefront: shop)
            #expect(forProduct.source == .clerk)
            #expect(!forProduct.items.contains { [8, 10].contains($0.card.id) }, "the page's product and the cart are excluded")
            let sent = try #require(sandbox.clerkStorage.logCalls(publicKey: shop.clerkKeys.publicKey).last)
            #expect(sent["exclude"] == [8, 10] && sent["products"] == [8])
        }
    }

    @Test func clerkDownAnswersFromBestSellersInContextAndSaysSo() async throws {
        try await withService { sandbox, service, shop in
            sandbox.clerkFaults.configure { $0.down = true }
            let category = Placement(name: "category", kind: .category, labels: ["Category - Popular"], limit: 3, inStockOnly: true)
            let answer = try await service.recommend(category, context: PlacementContext(category: 5), storefront: shop)
            #expect(answer.source == .fallback && answer.api == nil)
            // Best sellers of category 5, hidden 4 and out-of-stock 6 left out.
            #expect(answer.items.map(\.card.id) == [10, 8, 2])
            #expect(answer.items.map(\.position) == [0, 1, 2])
            #expect(answer.labels == ["Category - Popular"] && answer.currency == "USD")

            let alternatives = Placement(name: "alt", kind: .productAlternatives, labels: ["Alt"], limit: 4)
            let forProduct = try await service.recommend(alternatives, context: PlacementContext(product: 9, cart: [7]), storefront: shop)
            #expect(forProduct.items.map(\.card.id) == [10, 8, 6, 5], "the page's product and the cart's are excluded")
        }
    }

    @Test func aSharedPlacementAsksClerkOnceWhileFreshAndAPersonalOneEveryTime() async throws {
        try await withService { sandbox, service, shop in
            let calls = { (endpoint: String) in
                sandbox.clerkStorage.logCalls(publicKey: shop.clerkKeys.publicKey).filter { $0.endpoint == endpoint }.count
            }
            let category = Placement(name: "category", kind: .category, labels: ["Category - Popular"], limit: 3)
            var answers: [Recommendations] = []
            for visitor in ["v1", "v2", "v3", "v4"] {
                answers.append(try await service.recommend(category, context: PlacementContext(category: 5, visitor: visitor), storefront: shop))
            }
            #expect(calls("recommendations/category/popular") == 1, "one Clerk call while the answer is fresh")
            #expect(Set(answers.map(\.items)).count == 1 && !answers[0].personal)
            #expect(answers.dropFirst().allSatisfy { $0.clerkWait == .zero }, "kept answers cost no Clerk time")
            _ = try await service.recommend(category, context: PlacementContext(category: 7), storefront: shop)
            _ = try await service.recommend(category, context: PlacementContext(category: 5), storefront: shop, limit: 2)
            #expect(calls("recommendations/category/popular") == 3, "another category or limit is another answer")

            let home = Placement.defaults[0]
            for visitor in ["v1", "v2", "v1"] {
                let answer = try await service.recommend(home, context: PlacementContext(visitor: visitor), storefront: shop)
                #expect(answer.personal)
            }
            #expect(calls("recommendations/visitor/complementary") == 3, "personal answers are never shared")
        }
    }

    @Test func aSharedAnswerIsKeptPerPageCategoryBecauseTheFillUpComesFromIt() async throws {
        try await withService { sandbox, service, shop in
            let together = Placement(name: "together", kind: .productComplementary, labels: ["Together"], limit: 5)
            // Clerk relates 10, 6, 2 to product 8; the rest fills up from the page's category's best sellers.
            let fromOdd = try await service.recommend(together, context: PlacementContext(product: 8, category: 7), storefront: shop)
            let fromEven = try await service.recommend(together, context: PlacementContext(product: 8, category: 5), storefront: shop)
            #expect(fromOdd.items.map(\.card.id) == [10, 6, 2, 9, 7])
            #expect(fromEven.items.map(\.card.id) == [10, 6, 2], "category 5 has nothing more to show")
            #expect(fromOdd.source == .mixed && fromEven.source == .clerk)
            let calls = sandbox.clerkStorage.logCalls(publicKey: shop.clerkKeys.publicKey).filter { $0.endpoint == "recommendations/complementary" }
            #expect(calls.count == 2, "each category's page got its own answer")
        }
    }

    @Test func onlyTheProductsClerkChoseCarryItsEndpoint() async throws {
        try await withService { _, service, shop in
            let together = Placement(name: "together", kind: .productComplementary, labels: ["Together"], limit: 5)
            let answer = try await service.recommend(together, context: PlacementContext(product: 8), storefront: shop)
            // Clerk relates 10, 6, 2 (not hidden 4) to product 8; best sellers 9 and 7 fill up.
            #expect(answer.items.map(\.card.id) == [10, 6, 2, 9, 7])
            #expect(answer.items.map(\.api) == Array(repeating: "recommendations/complementary", count: 3) + [nil, nil])
            #expect(answer.source == .mixed && answer.api == "recommendations/complementary")
        }
    }

    @Test func clerkSlowerThanTheBudgetAnswersWithinIt() async throws {
        try await withService(budget: .milliseconds(200)) { sandbox, service, shop in
            sandbox.clerkFaults.configure { $0.latency = .seconds(60) }
            let started = ContinuousClock.now
            let answer = try await service.recommend(Placement.defaults[0], context: PlacementContext(visitor: "v1"), storefront: shop)
            let elapsed = ContinuousClock.now - started
            #expect(answer.source == .fallback && answer.items.count == 8)
            // Only the 200 ms budget can end the call this early; the bound leaves a loaded machine half a minute.
            #expect(elapsed < .seconds(30), "answered before Clerk's 60 s, after \(elapsed)")
        }
    }

    @Test func aMissingContextIsAnErrorNamingIt() async throws {
        try await withService { _, service, shop in
            await #expect(throws: PlacementPlan.MissingContext(parameter: "cart", placement: "cart")) {
                try await service.recommend(Placement.defaults[4], context: PlacementContext(), storefront: shop)
            }
        }
    }
}
