import ClerkAPI

/// Which Clerk call a placement makes for a page, what it leaves out, and where its local fallback looks (pure).
///
/// The table on `PlacementKind` says which endpoint each kind uses; a missing context parameter is an error
/// naming it. The products the shopper is looking at or already has (the page's product, the cart, the order)
/// are always excluded.
public struct PlacementPlan: Sendable, Hashable {
    /// Why a placement cannot run for a page.
    public struct MissingContext: Error, Sendable, Hashable, CustomStringConvertible {
        /// The parameter the placement needs.
        public var parameter: String
        /// The placement.
        public var placement: String

        /// For the answer: which parameter is missing.
        public var description: String { "placement \(placement) needs the `\(parameter)` parameter" }
    }

    /// The Clerk recommendation to ask for.
    public var recommendation: ClerkRecommendation
    /// Product ids Clerk must not return.
    public var exclude: [Int]
    /// The category whose best sellers fill in when Clerk cannot answer (nil: the storefront's best sellers).
    public var fallbackCategory: Int?

    /// Whether Clerk's answer depends on the shopper (a `visitor/*` or `customer/*` recommendation).
    public var isPersonal: Bool { recommendation.needsVisitor || recommendation.email != nil }

    /// The plan of `placement` for `context`.
    public init(placement: Placement, context: PlacementContext) throws(MissingContext) {
        func missing(_ parameter: String) -> MissingContext {
            MissingContext(parameter: parameter, placement: placement.name)
        }
        fallbackCategory = nil
        switch placement.kind {
        case .home:
            recommendation = context.visitor == nil ? .popular : .visitorComplementary
            exclude = context.cart
        case .category:
            guard let category = context.category else { throw missing("category") }
            recommendation = .categoryPopular(category: category)
            exclude = []
            fallbackCategory = category
        case .productAlternatives, .productComplementary:
            guard let product = context.product else { throw missing("product") }
            recommendation = placement.kind == .productAlternatives
                ? .substituting(products: [product]) : .complementary(products: [product])
            exclude = [product] + context.cart
            fallbackCategory = context.category
        case .cart:
            guard !context.cart.isEmpty else { throw missing("cart") }
            recommendation = .complementary(products: context.cart)
            exclude = context.cart
        case .postPurchase:
            var ordered: [Int] = []
            if case .products(let products)? = context.order { ordered = products }
            if let email = context.customerEmail {
                recommendation = .customerComplementary(email: email)
            } else if !ordered.isEmpty {
                recommendation = .complementary(products: ordered)
            } else if context.order != nil {
                // The order could not be read (or has no lines): what the visitor did, else what sells.
                recommendation = context.visitor != nil ? .visitorComplementary : .popular
            } else {
                throw missing("order")
            }
            exclude = ordered
        }
        var seen = Set<Int>()
        exclude = exclude.filter { seen.insert($0).inserted }
    }
}
