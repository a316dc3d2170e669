import StorefrontRegistry
import Testing

@testable import Storefront

/// The built-in placements and their rules.
@Suite struct PlacementTests {
    @Test func everyKindHasOneDefaultWithLabelsAndItsContext() {
        #expect(Placement.defaults.map(\.kind) == PlacementKind.allCases)
        #expect(Placement.defaults.allSatisfy { $0.name == $0.kind.rawValue && !$0.labels.isEmpty && $0.limit == 8 })
        #expect(PlacementKind.category.requiredContext == "category")
        #expect(PlacementKind.cart.requiredContext == "cart")
        #expect(PlacementKind.home.requiredContext == nil)
        #expect(PlacementKind.allCases.filter(\.isPersonal) == [.home, .postPurchase])
    }

    @Test func limitsAreKeptWithinOneToFifty() {
        #expect(Placement(name: "x", kind: .home, labels: ["x"], limit: 0).limit == 1)
        #expect(Placement(name: "x", kind: .home, labels: ["x"], limit: 500).limit == Placement.maxLimit)
    }
}
