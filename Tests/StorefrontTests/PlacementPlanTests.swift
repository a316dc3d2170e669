import ClerkAPI
import StorefrontRegistry
import Testing

@testable import Storefront

/// Each placement asks Clerk's right endpoint with the page's context and leaves out what the shopper has.
@Suite struct PlacementPlanTests {
    func plan(_ kind: PlacementKind, _ context: PlacementContext) throws -> PlacementPlan {
        try PlacementPlan(placement: Placement(name: kind.rawValue, kind: kind, labels: ["x"]), context: context)
    }

    @Test func everyKindMapsToItsEndpointWithExclusions() throws {
        #expect(try plan(.home, PlacementContext(visitor: "v1")).recommendation == .visitorComplementary)
        #expect(try plan(.home, PlacementContext(cart: [3])).recommendation == .popular)
        #expect(try plan(.home, PlacementContext(cart: [3])).exclude == [3])
        let category = try plan(.category, PlacementContext(category: 23))
        #expect(category.recommendation == .categoryPopular(category: 23) && category.fallbackCategory == 23)
        let alternatives = try plan(.productAlternatives, PlacementContext(product: 7, category: 4, cart: [7, 9]))
        #expect(alternatives.recommendation == .substituting(products: [7]))
        #expect(alternatives.exclude == [7, 9] && alternatives.fallbackCategory == 4)
        #expect(try plan(.productComplementary, PlacementContext(product: 7)).recommendation == .complementary(products: [7]))
        let cart = try plan(.cart, PlacementContext(cart: [1, 2]))
        #expect(cart.recommendation == .complementary(products: [1, 2]) && cart.exclude == [1, 2])
        let known = try plan(.postPurchase, PlacementContext(order: .products([5]), customerEmail: "ann@example.com"))
        #expect(known.recommendation == .customerComplementary(email: "ann@example.com") && known.exclude == [5])
        #expect(try plan(.postPurchase, PlacementContext(order: .products([5, 6]))).recommendation == .complementary(products: [5, 6]))
        // An order that cannot be read now: what the visitor did, else what sells; nothing to exclude.
        let unread = try plan(.postPurchase, PlacementContext(order: .unreadable, visitor: "v1"))
        #expect(unread.recommendation == .visitorComplementary && unread.exclude.isEmpty)
        #expect(try plan(.postPurchase, PlacementContext(order: .unreadable)).recommendation == .popular)
    }

    @Test func aMissingContextNamesTheParameter() {
        for (kind, parameter) in [
            (PlacementKind.category, "category"), (.productAlternatives, "product"), (.productComplementary, "product"),
            (.cart, "cart"), (.postPurchase, "order"),
        ] {
            #expect(throws: PlacementPlan.MissingContext(parameter: parameter, placement: kind.rawValue)) {
                try plan(kind, PlacementContext())
            }
        }
    }
}
