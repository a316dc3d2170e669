import Foundation
import Testing
@testable import SyncStore

/// Shopper attribution: carts and purchase reports that tie an order to a visitor, and verified email links.
@Suite("shopper attribution", .closesStores)
struct ShopperAttributionTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: StoreBackend.all) func aCorroboratedPurchaseReportWinsOverTheCartAndTheLatestCartVisitorCounts(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        #expect(try await store.buyer(orderID: 7, cartID: "cart-1", customerID: nil) == nil)

        try await store.recordCart("cart-1", visitor: "early", storefront: "main", at: t0)
        try await store.recordCart("cart-1", visitor: "late", storefront: "main", at: t0.addingTimeInterval(5))
        // A delayed, older report does not overwrite the later visitor.
        try await store.recordCart("cart-1", visitor: "stale", storefront: "main", at: t0.addingTimeInterval(1))
        #expect(try await store.buyer(orderID: 7, cartID: "cart-1", customerID: nil) == AttributedVisitor(visitor: "late", storefront: "main", evidence: .cart))
        #expect(try await store.buyer(orderID: 7, cartID: nil, customerID: nil) == nil)

        // The signed-in customer's report is corroborated by the order's customer id; a second report stays aside.
        try await store.recordPurchase(orderID: 7, visitor: "buyer", storefront: "eu", customerID: 42, at: t0)
        try await store.recordPurchase(orderID: 7, visitor: "other", storefront: "eu", customerID: 42, at: t0.addingTimeInterval(9))
        #expect(try await store.buyer(orderID: 7, cartID: "cart-1", customerID: 42) == AttributedVisitor(visitor: "buyer", storefront: "eu", evidence: .purchaseEvent))
        // A guest's report is corroborated by the cart: its visitor used the cart that became the order.
        try await store.recordPurchase(orderID: 8, visitor: "late", storefront: "main", customerID: nil, at: t0)
        #expect(try await store.buyer(orderID: 8, cartID: "cart-1", customerID: 0)?.evidence == .purchaseEvent)
    }

    @Test(arguments: StoreBackend.all) func aForgedPurchaseReportCannotClaimSomeoneElsesSale(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        try await store.recordCart("cart-9", visitor: "shopper", storefront: "main", at: t0)
        // An attacker reports buying orders that are not theirs, before and without the real shopper.
        try await store.recordPurchase(orderID: 9, visitor: "attacker", storefront: "main", customerID: nil, at: t0)
        try await store.recordPurchase(orderID: 10, visitor: "attacker", storefront: "main", customerID: 77, at: t0)
        #expect(try await store.buyer(orderID: 9, cartID: "cart-9", customerID: 5) == AttributedVisitor(visitor: "shopper", storefront: "main", evidence: .cart))
        #expect(try await store.buyer(orderID: 10, cartID: nil, customerID: 5) == nil)
        #expect(try await store.buyer(orderID: 10, cartID: nil, customerID: 0) == nil)
        // The real shopper's report still counts after the forged one.
        try await store.recordPurchase(orderID: 9, visitor: "shopper", storefront: "main", customerID: 5, at: t0.addingTimeInterval(1))
        #expect(try await store.buyer(orderID: 9, cartID: "cart-9", customerID: 5)?.evidence == .purchaseEvent)
    }

    @Test(arguments: StoreBackend.all) func emailLinksArePerStorefrontAndVisitorAndIgnoreCase(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        #expect(try await store.isEmailLinked("Ann@Example.com", visitor: "v1", storefront: "main") == false)
        try await store.recordEmailLink("Ann@Example.com", visitor: "v1", storefront: "main", at: t0)
        #expect(try await store.isEmailLinked("ann@example.com", visitor: "v1", storefront: "main"))
        #expect(try await store.isEmailLinked("ann@example.com", visitor: "v2", storefront: "main") == false)
        #expect(try await store.isEmailLinked("ann@example.com", visitor: "v1", storefront: "eu") == false)
    }

    @Test(arguments: StoreBackend.all) func purgeRemovesOnlyWhatIsOlderThanTheCutoff(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        try await store.recordCart("old", visitor: "v1", storefront: "main", at: t0)
        try await store.recordCart("new", visitor: "v2", storefront: "main", at: t0.addingTimeInterval(100))
        try await store.recordPurchase(orderID: 1, visitor: "v1", storefront: "main", customerID: nil, at: t0)
        try await store.recordEmailLink("a@example.com", visitor: "v1", storefront: "main", at: t0)
        #expect(try await store.purgeAttributions(before: t0.addingTimeInterval(50)) == 3)
        #expect(try await store.buyer(orderID: 1, cartID: "old", customerID: nil) == nil)
        #expect(try await store.buyer(orderID: 2, cartID: "new", customerID: nil)?.visitor == "v2")
        #expect(try await store.isEmailLinked("a@example.com", visitor: "v1", storefront: "main") == false)
    }
}
