import Foundation
import JSONSupport
import SyncStore
import Testing

@testable import Tracking

/// `EventIntake` over a `ShopperBaskets` store: the storefront's cart events keep each visitor's basket, found by
/// email without Clerk.
@Suite struct BasketIntakeTests {
    typealias Token = CustomerTokenVerifierTests

    let email = "john.doe@example.com"

    func intake(_ store: SQLiteSyncStore) -> EventIntake {
        EventIntake(
            store: store, attribution: store, storefronts: ["main", "eu"],
            verifier: CustomerTokenVerifier(clientSecret: Token.secret, storeHash: Token.storeHash))
    }

    /// An event of `type` by `visitor`, `second` seconds before `testNow`, signed in when `signedIn`.
    func event(
        _ id: String, _ type: String, visitor: String = "v1", second: Int, signedIn: Bool = false, _ fields: String
    ) -> String {
        let token = signedIn ? #", "customer_token": "\#(Token.token(payload: Token.payload()))""# : ""
        let at = RFC3339Timestamp.format(testNow.addingTimeInterval(Double(second - 600)))
        return """
            {"id": "\(id)", "type": "\(type)", "visitor_id": "\(visitor)", "occurred_at": "\(at)", \(fields)\(token)}
            """
    }

    @discardableResult
    func accept(_ store: SQLiteSyncStore, _ events: [String]) async throws -> EventAnswer {
        let answer = try await intake(store).accept(
            Array("{\"events\": [\(events.joined(separator: ","))]}".utf8), now: testNow)
        #expect(answer.rejected.isEmpty, "\(answer.rejected)")
        return answer
    }

    func lines(_ pairs: KeyValuePairs<Int, Int>) -> [BasketLine] {
        pairs.map { BasketLine(productID: $0.key, quantity: $0.value) }
    }

    @Test func variantsOfOneProductAreOneLineOfTheParentProduct() async throws {
        let store = try SQLiteSyncStore.inMemory()
        try await accept(store, [
            event("a", "cart_item_added", second: 1, signedIn: true, #""product_id": 77, "variant_id": 501, "quantity": 1"#),
            event("b", "cart_item_added", second: 2, #""product_id": 12, "quantity": 1, "cart_id": "c1""#),
            event("c", "cart_item_added", second: 3, #""product_id": 77, "variant_id": 502, "quantity": 2"#),
            event("d", "cart_item_removed", second: 4, #""product_id": 12, "variant_id": 12, "quantity": 1"#),
        ])
        let basket = try #require(try await store.basket(email: email, storefront: "main"))
        #expect(basket.lines == lines([77: 3]))
        #expect(basket.updatedAt == testNow.addingTimeInterval(4 - 600))
    }

    @Test func cartUpdatedAndCheckoutReplaceTheBasketAndAPurchaseEmptiesIt() async throws {
        let store = try SQLiteSyncStore.inMemory()
        try await accept(store, [
            event("a", "cart_item_added", second: 1, signedIn: true, #""product_id": 5, "quantity": 1"#),
            event("b", "cart_updated", second: 2, #""items": [{"product_id": 6, "quantity": 1}, {"product_id": 6, "variant_id": 61, "quantity": 1}]"#),
        ])
        #expect(try await store.basket(email: email, storefront: "main")?.lines == lines([6: 2]))
        // A checkout without items leaves the basket; one with items sets it.
        try await accept(store, [event("c", "checkout_started", second: 3, #""items": []"#)])
        #expect(try await store.basket(email: email, storefront: "main")?.lines == lines([6: 2]))
        try await accept(store, [event("d", "checkout_started", second: 4, #""items": [{"product_id": 7, "quantity": 1}]"#)])
        #expect(try await store.basket(email: email, storefront: "main")?.lines == lines([7: 1]))

        try await accept(store, [
            event("e", "order_purchased", second: 5, #""order_id": 100, "items": [{"product_id": 7, "quantity": 1, "price": 9.5}]"#)
        ])
        #expect(try await store.basket(email: email, storefront: "main") == nil)
    }

    @Test func anOlderEventArrivingLateDoesNotOverwriteANewerCart() async throws {
        let store = try SQLiteSyncStore.inMemory()
        try await accept(store, [
            event("a", "cart_updated", second: 10, signedIn: true, #""items": [{"product_id": 1, "quantity": 1}]"#)
        ])
        try await accept(store, [
            event("b", "cart_updated", second: 5, #""items": [{"product_id": 2, "quantity": 1}]"#),
            event("c", "cart_item_added", second: 6, #""product_id": 3, "quantity": 1"#),
        ])
        #expect(try await store.basket(email: email, storefront: "main")?.lines == lines([1: 1]))
    }

    @Test func aRedeliveredBatchDoesNotAddTwice() async throws {
        let store = try SQLiteSyncStore.inMemory()
        let batch = [event("a", "cart_item_added", second: 1, signedIn: true, #""product_id": 5, "quantity": 2"#)]
        #expect(try await accept(store, batch).accepted == 1)
        #expect(try await accept(store, batch).accepted == 1)
        #expect(try await store.basket(email: email, storefront: "main")?.lines == lines([5: 2]))
    }

    @Test func anAnonymousCartIsFoundOnceTheVisitorsEmailIsVerifiedWithoutClerk() async throws {
        let store = try SQLiteSyncStore.inMemory()
        try await accept(store, [event("a", "cart_item_added", second: 1, #""product_id": 5, "quantity": 1"#)])
        #expect(try await store.basket(email: email, storefront: "main") == nil)
        try await accept(store, [event("b", "email_identified", second: 2, signedIn: true, #""email": "John.Doe@example.com""#)])
        let basket = try #require(try await store.basket(email: "JOHN.DOE@example.com", storefront: "main"))
        #expect(basket.visitor == "v1" && basket.lines == lines([5: 1]))
        // The basket is the storefront's own: the same visitor on another storefront has none there.
        #expect(try await store.basket(email: email, storefront: "eu") == nil)
    }

    @Test func aBasketIsFoundThroughAVisitorTheForwarderLinked() async throws {
        let store = try SQLiteSyncStore.inMemory()
        try await accept(store, [
            event("a", "cart_item_added", visitor: "phone", second: 1, #""product_id": 5, "quantity": 1"#),
            event("b", "cart_item_added", visitor: "laptop", second: 2, #""product_id": 6, "quantity": 1"#),
        ])
        try await store.recordEmailLink(email, visitor: "phone", storefront: "main", at: testNow)
        #expect(try await store.basket(email: email, storefront: "main")?.visitor == "phone")
        try await store.recordEmailLink(email, visitor: "laptop", storefront: "main", at: testNow)
        #expect(try await store.basket(email: email, storefront: "main")?.lines == lines([6: 1]))
    }

    @Test func eventsThatAreNotCartEventsOnlyNameTheShopper() throws {
        let customer = CustomerIdentity(customerID: 1, email: "a@example.com", groupID: nil)
        let view = TrackedEvent(id: "v", visitorID: "v1", occurredAt: testNow, kind: .productViewed(productID: 1, variantID: nil))
        #expect(AcceptedEvent(storefront: "main", event: view, customer: nil).basketChange() == nil)
        let change = try #require(AcceptedEvent(storefront: "main", event: view, customer: customer).basketChange())
        #expect(change.action == .identify && change.email == "a@example.com" && change.eventID == "v")
    }
}
