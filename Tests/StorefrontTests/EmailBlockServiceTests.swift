import ClerkAPI
import Foundation
import Sandbox
import StorefrontRegistry
import SyncStore
import Testing

@testable import Storefront

/// Email blocks against the Clerk sandbox: each type's source, the shopper's email sent to Clerk, fill-up only
/// for recommending blocks, and what happens when Clerk is down.
@Suite(.serialized) struct EmailBlockServiceTests {
    struct Cart: AbandonedCartSource {
        var products: [String: [Int]]
        func abandonedCart(email: String, storefront: String) async throws -> [Int] {
            products["\(storefront)/\(email)"] ?? []
        }
    }

    let email = "ann@example.com"

    /// Ann browsed products 3 then 9 as visitor `va`, and her email was tied to that visitor.
    func withBrowsingShopper(_ body: (SandboxServer, EmailBlockService, ResolvedStorefront) async throws -> Void) async throws {
        try await SandboxCatalog.with { sandbox, clerk, store, shop in
            try await clerk.logProductView(productID: 3, visitor: "va", keys: shop.clerkKeys)
            try await clerk.logEmail(email: email, visitor: "va", keys: shop.clerkKeys)
            try await clerk.logProductView(productID: 9, visitor: "va", keys: shop.clerkKeys)
            try await clerk.logProductView(productID: 1, visitor: "someone", keys: shop.clerkKeys)
            let carts = Cart(products: ["main/\(email)": [6, 99, 2, 4]])
            try await body(sandbox, EmailBlockService(clerk: clerk, mirror: store, carts: carts), shop)
        }
    }

    @Test func eachTypeAsksItsSourceWithTheShoppersEmail() async throws {
        try await withBrowsingShopper { sandbox, service, shop in
            func lastCall() -> ClerkLogCall? { sandbox.clerkStorage.logCalls(publicKey: shop.clerkKeys.publicKey).last }

            let browse = try await service.block(.abandonedBrowse, email: email, storefront: shop, limit: 4)
            #expect(browse.source == .clerk && browse.items.map(\.id) == [9, 3], "what Ann viewed, newest first, not padded")
            var call = try #require(lastCall())
            #expect(call.endpoint == "recommendations/visitor/history" && call["email"]?.stringValue == email)
            #expect(call["visitor"] == nil && call["labels"] == ["Email abandoned browse"])

            let recommended = try await service.block(.recommended, email: email, storefront: shop, limit: 4)
            // Related to 9 and 3 (category 7): 7, 5, 1; best seller 10 fills up.
            #expect(recommended.items.map(\.id) == [7, 5, 1, 10] && recommended.source == .mixed)
            call = try #require(lastCall())
            #expect(call.endpoint == "recommendations/visitor/complementary" && call["email"]?.stringValue == email)

            let after = try await service.block(.postPurchase, email: email, storefront: shop, limit: 3)
            call = try #require(lastCall())
            #expect(call.endpoint == "recommendations/customer/complementary" && call["email"]?.stringValue == email)
            #expect(after.items.map(\.id) == [10, 9, 8], "no orders yet: best sellers in stock")
            #expect(after.source == .fallback, "Clerk answered nothing: every product is a best seller")

            let calls = sandbox.clerkStorage.logCalls(publicKey: shop.clerkKeys.publicKey).count
            let cart = try await service.block(.abandonedCart, email: email, storefront: shop, limit: 4)
            #expect(cart.source == .cart && cart.items.map(\.id) == [6, 2], "her cart as it was, out of stock kept, unknown and hidden dropped")
            #expect(sandbox.clerkStorage.logCalls(publicKey: shop.clerkKeys.publicKey).count == calls, "no Clerk call")
            #expect(try await service.block(.abandonedCart, email: "bob@example.com", storefront: shop, limit: 4).items.isEmpty)
        }
    }

    @Test func clerkDownGivesBestSellersToRecommendingBlocksAndNothingToTheOthers() async throws {
        try await withBrowsingShopper { sandbox, service, shop in
            sandbox.clerkFaults.configure { $0.down = true }
            let recommended = try await service.block(.recommended, email: email, storefront: shop, limit: 3)
            #expect(recommended.source == .fallback && recommended.items.map(\.id) == [10, 9, 8])
            let browse = try await service.block(.abandonedBrowse, email: email, storefront: shop, limit: 3)
            #expect(browse.source == .fallback && browse.items.isEmpty)
            let cart = try await service.block(.abandonedCart, email: email, storefront: shop, limit: 3)
            #expect(cart.source == .cart && cart.items.map(\.id) == [6, 2])
        }
    }

    @Test func anAbandonedCartIsTheShoppersStoredBasket() async throws {
        try await SandboxCatalog.with { _, clerk, store, shop in
            let at = Date()
            let adds = [(id: "e1", product: 8, quantity: 1), (id: "e2", product: 3, quantity: 2)]
            let events = adds.map {
                ShopperEvent(eventID: $0.id, storefront: "main", type: "cart_item_added", visitor: "vb", occurredAt: at, payload: Array("{}".utf8))
            }
            let changes = adds.map {
                BasketChange(eventID: $0.id, storefront: "main", visitor: "vb", email: "bo@example.com", at: at,
                             action: .add(productID: $0.product, quantity: $0.quantity))
            }
            _ = try await store.append(events, basketChanges: changes, now: at)
            let service = EmailBlockService(clerk: clerk, mirror: store, carts: StoredAbandonedCarts(baskets: store))
            let block = try await service.block(.abandonedCart, email: "Bo@Example.com", storefront: shop, limit: 4)
            #expect(block.source == .cart && block.items.map(\.id) == [8, 3], "in the order they were added")
        }
    }
}
