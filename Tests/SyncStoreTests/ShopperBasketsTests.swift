import Foundation
import Testing
@testable import SyncStore

/// Shopper baskets: built from cart events appended with their events, found by email, purged with attributions.
@Suite("shopper baskets", .closesStores)
struct ShopperBasketsTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// One stored-event-plus-change pair; `id` must be unique per test.
    struct Step {
        var id: String
        var visitor = "v1"
        var storefront = "main"
        var email: String?
        var second: Double
        var action: BasketChange.Action
    }

    /// Appends `steps` as one batch, each with its own event, and returns the outcomes.
    @discardableResult
    func record(_ store: any SyncDatabase, _ steps: [Step]) async throws -> [AppendOutcome] {
        let events = steps.map { step in
            ShopperEvent(
                eventID: step.id, storefront: step.storefront, type: "cart_updated", visitor: step.visitor,
                occurredAt: t0.addingTimeInterval(step.second), payload: Array("{}".utf8))
        }
        let changes = steps.map { step in
            BasketChange(
                eventID: step.id, storefront: step.storefront, visitor: step.visitor, email: step.email,
                at: t0.addingTimeInterval(step.second), action: step.action)
        }
        return try await store.append(events, basketChanges: changes, now: t0.addingTimeInterval(1_000))
    }

    func lines(_ pairs: KeyValuePairs<Int, Int>) -> [BasketLine] {
        pairs.map { BasketLine(productID: $0.key, quantity: $0.value) }
    }

    @Test(arguments: StoreBackend.all) func addsMergePerProductRemovalsSubtractAndEmptyLinesDisappear(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        let mail = "ann@example.com"
        try await record(store, [
            Step(id: "a", email: mail, second: 1, action: .add(productID: 10, quantity: 2)),
            Step(id: "b", second: 2, action: .add(productID: 20, quantity: 1)),
            Step(id: "c", second: 3, action: .add(productID: 10, quantity: 3)),
        ])
        var basket = try #require(try await store.basket(email: mail, storefront: "main"))
        #expect(basket.lines == lines([10: 5, 20: 1]))
        #expect(basket.visitor == "v1" && basket.updatedAt == t0.addingTimeInterval(3))

        try await record(store, [
            Step(id: "d", second: 4, action: .remove(productID: 10, quantity: 4)),
            Step(id: "e", second: 5, action: .remove(productID: 99, quantity: 1)),
        ])
        basket = try #require(try await store.basket(email: mail, storefront: "main"))
        #expect(basket.lines == lines([10: 1, 20: 1]))

        try await record(store, [Step(id: "f", second: 6, action: .remove(productID: 10, quantity: 7))])
        basket = try #require(try await store.basket(email: mail, storefront: "main"))
        #expect(basket.lines == lines([20: 1]))
        #expect(basket.updatedAt == t0.addingTimeInterval(6))

        try await record(store, [Step(id: "g", second: 7, action: .remove(productID: 20, quantity: 1))])
        #expect(try await store.basket(email: mail, storefront: "main") == nil)
    }

    @Test(arguments: StoreBackend.all) func aReplacementSetsTheWholeBasketKeepingTheOrderProductsWereFirstAdded(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        try await record(store, [
            Step(id: "a", email: "ann@example.com", second: 1, action: .add(productID: 10, quantity: 1)),
            Step(id: "b", second: 2, action: .add(productID: 20, quantity: 1)),
            Step(id: "c", second: 3, action: .add(productID: 30, quantity: 1)),
            Step(id: "d", second: 4, action: .replace(lines([40: 1, 30: 2, 10: 1, 40: 2]))),
        ])
        let basket = try #require(try await store.basket(email: "ann@example.com", storefront: "main"))
        #expect(basket.lines == lines([10: 1, 30: 2, 40: 3]))
    }

    @Test(arguments: StoreBackend.all) func aBoughtCartIsEmptiedAndNotReturned(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        try await record(store, [
            Step(id: "a", email: "ann@example.com", second: 1, action: .add(productID: 10, quantity: 1)),
            Step(id: "b", second: 2, action: .replace([])),
        ])
        #expect(try await store.basket(email: "ann@example.com", storefront: "main") == nil)
        // A later cart is the one an abandoned-cart email shows again.
        try await record(store, [Step(id: "c", second: 3, action: .add(productID: 20, quantity: 1))])
        #expect(try await store.basket(email: "ann@example.com", storefront: "main")?.lines == lines([20: 1]))
    }

    @Test(arguments: StoreBackend.all) func changesOlderThanTheLastReplacementAreIgnoredAndABatchAppliesInTimeOrder(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        // Given out of order in one batch: the replacement at 5 comes first, then the add at 6 on top of it.
        try await record(store, [
            Step(id: "late-add", email: "ann@example.com", second: 6, action: .add(productID: 30, quantity: 1)),
            Step(id: "snapshot", second: 5, action: .replace(lines([10: 2]))),
            Step(id: "early-add", second: 1, action: .add(productID: 20, quantity: 1)),
        ])
        var basket = try #require(try await store.basket(email: "ann@example.com", storefront: "main"))
        #expect(basket.lines == lines([10: 2, 30: 1]))

        // Delayed events from before the snapshot, in a later batch, change nothing.
        try await record(store, [
            Step(id: "old-add", second: 2, action: .add(productID: 40, quantity: 1)),
            Step(id: "old-remove", second: 3, action: .remove(productID: 10, quantity: 2)),
            Step(id: "old-snapshot", second: 4, action: .replace(lines([50: 1]))),
        ])
        basket = try #require(try await store.basket(email: "ann@example.com", storefront: "main"))
        #expect(basket.lines == lines([10: 2, 30: 1]))
        #expect(basket.updatedAt == t0.addingTimeInterval(6))

        // A delayed add newer than the snapshot still counts.
        try await record(store, [Step(id: "mid-add", second: 5.5, action: .add(productID: 10, quantity: 1))])
        basket = try #require(try await store.basket(email: "ann@example.com", storefront: "main"))
        #expect(basket.lines == lines([10: 3, 30: 1]))
        #expect(basket.updatedAt == t0.addingTimeInterval(6))
    }

    @Test(arguments: StoreBackend.all) func aRedeliveredEventChangesTheBasketOnce(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        let step = Step(id: "a", email: "ann@example.com", second: 1, action: .add(productID: 10, quantity: 2))
        #expect(try await record(store, [step]).count == 1)
        let again = try await record(store, [step])
        guard case .duplicate = again.first else {
            Issue.record("expected a duplicate, got \(again)")
            return
        }
        #expect(try await store.basket(email: "ann@example.com", storefront: "main")?.lines == lines([10: 2]))
    }

    @Test(arguments: StoreBackend.all) func aBasketIsFoundThroughALinkedVisitorOrAVerifiedEventTheLatestWinning(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        // v1: anonymous cart, linked to the email later (as the forwarder does after Clerk's log/email).
        try await record(store, [Step(id: "a", visitor: "v1", second: 10, action: .add(productID: 10, quantity: 1))])
        #expect(try await store.basket(email: "ann@example.com", storefront: "main") == nil)
        try await store.recordEmailLink("Ann@Example.com", visitor: "v1", storefront: "main", at: t0)
        #expect(try await store.basket(email: "ANN@example.com", storefront: "main")?.visitor == "v1")

        // v2: a signed-in visitor's events carried the verified email; its basket changed later, so it wins.
        try await record(store, [
            Step(id: "b", visitor: "v2", email: "Ann@example.com", second: 20, action: .add(productID: 20, quantity: 1))
        ])
        #expect(try await store.basket(email: "ann@example.com", storefront: "main")?.visitor == "v2")

        // v2 buys: its basket is empty, so v1's is the last cart not bought.
        try await record(store, [Step(id: "c", visitor: "v2", second: 30, action: .replace([]))])
        let basket = try #require(try await store.basket(email: "ann@example.com", storefront: "main"))
        #expect(basket == ShopperBasket(
            storefront: "main", visitor: "v1", lines: lines([10: 1]), updatedAt: t0.addingTimeInterval(10)))

        // Another storefront and another email see none of it.
        #expect(try await store.basket(email: "ann@example.com", storefront: "eu") == nil)
        #expect(try await store.basket(email: "bob@example.com", storefront: "main") == nil)
    }

    @Test(arguments: StoreBackend.all) func aVerifiedEmailAloneNamesTheVisitorsLaterAnonymousCart(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        try await record(store, [
            Step(id: "a", email: "ann@example.com", second: 1, action: .identify),
            Step(id: "b", second: 2, action: .add(productID: 10, quantity: 1)),
        ])
        let basket = try #require(try await store.basket(email: "ann@example.com", storefront: "main"))
        #expect(basket.lines == lines([10: 1]) && basket.updatedAt == t0.addingTimeInterval(2))
        // An older verified email arriving late does not replace the newer one.
        try await record(store, [Step(id: "c", email: "old@example.com", second: 0, action: .identify)])
        #expect(try await store.basket(email: "old@example.com", storefront: "main") == nil)
        #expect(try await store.basket(email: "ann@example.com", storefront: "main") != nil)
    }

    @Test(arguments: StoreBackend.all) func purgeRemovesBasketsUntouchedSinceTheCutoff(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        try await record(store, [
            Step(id: "a", visitor: "old", email: "old@example.com", second: 0, action: .add(productID: 10, quantity: 1)),
            Step(id: "b", visitor: "new", email: "new@example.com", second: 100, action: .add(productID: 20, quantity: 1)),
            // Named at 60 by a verified email: touched after the cutoff although its products changed before.
            Step(id: "c", visitor: "named", email: "named@example.com", second: 40, action: .add(productID: 30, quantity: 1)),
            Step(id: "d", visitor: "named", email: "named@example.com", second: 60, action: .identify),
        ])
        #expect(try await store.purgeBaskets(before: t0.addingTimeInterval(50)) == 1)
        #expect(try await store.basket(email: "old@example.com", storefront: "main") == nil)
        #expect(try await store.basket(email: "new@example.com", storefront: "main")?.visitor == "new")
        #expect(try await store.basket(email: "named@example.com", storefront: "main")?.visitor == "named")
    }

    @Test(arguments: StoreBackend.all) func aChangeAtTheVeryTimeOfTheLastOneStillApplies(_ backend: StoreBackend) async throws {
        // Written as seconds since 1970 this time rounds up: read back, it is a bit later than the change's own.
        let at = Date(timeIntervalSinceReferenceDate: 720_000_000 + 3 * 0x1p-23)
        let steps: [(String, String?, Date, BasketChange.Action)] = [
            ("a", nil, at.addingTimeInterval(-1), .add(productID: 10, quantity: 1)),
            ("b", "first@example.com", at, .identify),
            ("c", "second@example.com", at, .identify),
            ("d", nil, at, .replace(lines([20: 1]))),
            ("e", nil, at, .add(productID: 30, quantity: 1)),
        ]
        let store = try await backend.store()
        _ = try await store.append(
            steps.map { ShopperEvent(eventID: $0.0, storefront: "main", type: "cart_updated", visitor: "v1", occurredAt: $0.2, payload: []) },
            basketChanges: steps.map {
                BasketChange(eventID: $0.0, storefront: "main", visitor: "v1", email: $0.1, at: $0.2, action: $0.3)
            },
            now: at)
        #expect(try await store.basket(email: "first@example.com", storefront: "main") == nil)
        #expect(try await store.basket(email: "second@example.com", storefront: "main")?.lines == lines([20: 1, 30: 1]))
    }
}
