import Foundation
import Testing
@testable import SyncStore

@Suite("shopper erasure", .closesStores)
struct ShopperErasureTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func event(_ id: String, visitor: String, payload: String = "{}") -> ShopperEvent {
        ShopperEvent(eventID: id, storefront: "main", type: "product_viewed", visitor: visitor, occurredAt: t0, payload: Array(payload.utf8))
    }

    @Test(arguments: StoreBackend.all) func theShoppersVisitorsEventsLinksAndCartsGoAndOthersStay(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        try await store.recordEmailLink("ann@example.com", visitor: "ann1", storefront: "main", at: t0)
        try await store.recordCart("cart-1", visitor: "ann1", storefront: "main", at: t0)
        try await store.recordCart("cart-2", visitor: "bob1", storefront: "main", at: t0)
        _ = try await store.append(
            [
                event("a", visitor: "ann1"), event("b", visitor: "bob1"),
                event("c", visitor: "other", payload: #"{"email":"ANN@Example.com"}"#),
            ],
            now: t0)
        let erased = try await store.eraseShopper(email: "  Ann@example.com ")
        #expect(erased.visitors == 1 && erased.events == 2 && erased.emailLinks == 1 && erased.attributions == 1)
        #expect(try await store.isEmailLinked("ann@example.com", visitor: "ann1", storefront: "main") == false)
        #expect(try await store.eventCounts()[.pending] == 1)
        #expect(try await store.eraseShopper(email: "ann@example.com") == ErasedShopper())
    }
}
