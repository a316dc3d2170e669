import Foundation
import HTTPTypes
import Hummingbird
import Storefront
import StorefrontRegistry
import SyncStore
import Tracking

/// `GET /v1/recommendations` (contract.md): a placement's products for a page, resolved to storefront data.
///
/// Parameters: `storefront` (default: the first), `placement`, context `product`, `category`, `cart`
/// (comma-separated product ids), `order` (its products come from the sales ledger, or from BigCommerce before
/// its sale is logged; an order of another channel is a 400), `visitor`, `customer_token`
/// (a verified token gives the customer's email to `post_purchase`; anything else is ignored), `limit` (1–50) and
/// `format` (`json`, or `html`: a fragment from the placement's template whose links carry the click data
/// `storefront.js` reports). Bad values are 400 naming the parameter, an unknown
/// storefront or placement 404, a placement missing its context 400 `missing_parameter`; 503 until the store's
/// currencies are known.
public struct RecommendationsEndpoint: ShopperRoute {
    private static let serverTiming = HTTPField.Name("Server-Timing")!
    /// The parameters the route takes.
    static let parameters = ShopperParameters(
        route: "/v1/recommendations",
        single: ["storefront", "placement", "product", "category", "cart", "order", "visitor", "customer_token", "limit", "format"])

    let service: RecommendationService
    let storefronts: StorefrontRegistry
    let placements: [String: Placement]
    let verifier: CustomerTokenVerifier
    let orders: PlacedOrders
    let renderers: PlacementRenderers

    /// Creates the endpoint; `renderers` render `format=html`.
    public init(
        service: RecommendationService, storefronts: StorefrontRegistry, placements: [Placement], verifier: CustomerTokenVerifier,
        orders: PlacedOrders, renderers: PlacementRenderers
    ) {
        self.renderers = renderers
        self.service = service
        self.storefronts = storefronts
        self.placements = Dictionary(placements.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.verifier = verifier
        self.orders = orders
    }

    /// Adds `GET /v1/recommendations`.
    public func addRoutes(to group: RouterGroup<ServerRequestContext>) {
        group.get("recommendations") { request, _ in
            try await APIError.unavailableOnFailure("recommendations") { try await answer(ShopperQuery(request, accepting: Self.parameters)) }
        }
    }

    private func answer(_ query: ShopperQuery) async throws -> EditedResponse<ShopperAnswer> {
        let started = ContinuousClock.now
        let storefront = try query.storefront(in: storefronts)
        guard let name = query.text("placement") else { throw APIError.missingParameter("placement") }
        guard let placement = placements[name] else {
            throw APIError(
                .notFound, code: "unknown_placement",
                message: "placement \(QuotedValue.quoted(name)) is not configured (\(placements.keys.sorted().joined(separator: ", ")))")
        }
        let format = try query.choice("format", of: ["json", "html"], default: "json")
        let limit = try query.integer("limit", in: 1...Placement.maxLimit)
        var cart: [Int] = []
        if let value = query.text("cart") {
            let parts = value.split(separator: ",", omittingEmptySubsequences: false)
            let ids = parts.compactMap { part in part.allSatisfy(\.isASCII) ? Int(part) : nil }
            guard parts.count <= 100, ids.count == parts.count, ids.allSatisfy({ $0 > 0 }) else {
                throw APIError.invalidParameter("cart must be up to 100 comma-separated product ids")
            }
            cart = ids
        }
        let visitor = try query.visitor()
        var order: OrderContext?
        if let id = try query.id("order") {
            switch try await orders.products(ofOrder: id, storefront: storefront) {
            case .found(let context):
                order = context
            case .notOnStorefront:
                throw APIError.invalidParameter("order \(id) is not an order placed on storefront \(storefront.name)")
            }
        }
        let email = query.text("customer_token").flatMap { verifier.identity(from: $0, now: Date())?.email }
        let context = PlacementContext(
            product: try query.id("product"), category: try query.id("category"), cart: cart,
            order: order, visitor: visitor, customerEmail: email)
        let answer: Recommendations
        do {
            answer = try await service.recommend(placement, context: context, storefront: storefront, limit: limit)
        } catch let missing as PlacementPlan.MissingContext {
            throw APIError(.badRequest, code: "missing_parameter", message: missing.description)
        }
        let body: ShopperAnswer = format == "html"
            ? .html(renderers.renderer(for: placement.name).render(answer)) : .json(answer)
        return EditedResponse(
            headers: [
                .cacheControl: ShopperAnswer.cacheControl(shared: !answer.personal),
                Self.serverTiming: ShopperAnswer.serverTiming(clerk: answer.clerkWait, total: ContinuousClock.now - started),
            ],
            response: body)
    }
}
