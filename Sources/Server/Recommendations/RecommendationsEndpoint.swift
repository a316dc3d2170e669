import Foundation
import HTTPTypes
import Hummingbird
import Storefront
import SyncStore
import Tracking

/// `GET /v1/recommendations` (contract.md): a placement's products for a page, resolved to storefront data.
///
/// Parameters: `storefront` (default: the first), `placement`, context `product`, `category`, `cart`
/// (comma-separated product ids), `order` (its products come from the sales ledger), `visitor`, `customer_token`
/// (a verified token gives the customer's email to `post_purchase`; anything else is ignored), `limit` (1–50) and
/// `format` (`json`; `html` comes with a later release). Bad values are 400 naming the parameter, an unknown
/// storefront or placement 404, a placement missing its context 400 `missing_parameter`; 503 until the store's
/// currencies are known. Browsers are answered with CORS headers for the storefronts' origins.
public struct RecommendationsEndpoint: Sendable {
    let service: RecommendationService
    let shops: ShopDirectory
    let placements: [String: Placement]
    let verifier: CustomerTokenVerifier
    let sales: (any SalesLedger)?
    let cors: CORSPolicy

    /// Creates the endpoint.
    public init(
        service: RecommendationService, shops: ShopDirectory, placements: [Placement], verifier: CustomerTokenVerifier,
        sales: (any SalesLedger)?, cors: CORSPolicy
    ) {
        self.service = service
        self.shops = shops
        self.placements = Dictionary(placements.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.verifier = verifier
        self.sales = sales
        self.cors = cors
    }

    struct BadRequest: Error {
        var status: Int
        var code: String
        var message: String
    }

    /// Answers a request.
    func respond(_ request: Request) async -> Response {
        var response: Response
        do {
            response = try await answer(request.uri.queryParameters)
        } catch let bad as BadRequest {
            response = ServerRoutes.json(bad.status, APIError(code: bad.code, message: bad.message).json)
        } catch let missing as PlacementPlan.MissingContext {
            response = ServerRoutes.json(400, APIError(code: "missing_parameter", message: missing.description).json)
        } catch {
            response = ServerRoutes.json(503, APIError(
                code: "unavailable", message: "recommendations cannot be served right now; retry later").json)
        }
        let origin = request.headers[.origin]
        for (name, value) in cors.responseHeaders(origin: origin, preflight: false) {
            if let field = HTTPField.Name(name) { response.headers[field] = value }
        }
        return response
    }

    private func answer(_ query: Parameters) async throws -> Response {
        func text(_ name: String) -> String? {
            query[Substring(name)].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        }
        func id(_ name: String) throws -> Int? {
            guard let value = text(name) else { return nil }
            guard let number = Int(value), number > 0, value.allSatisfy(\.isASCII) else {
                throw BadRequest(status: 400, code: "invalid_parameter", message: "\(name) must be a positive integer id")
            }
            return number
        }
        guard shops.isReady else {
            throw BadRequest(status: 503, code: "unavailable", message: "the storefronts are not known yet; retry later")
        }
        let storefront = text("storefront")
        guard let shop = shops.shop(storefront) else {
            throw BadRequest(status: 404, code: "unknown_storefront", message: "storefront \(QuotedValue.quoted(storefront ?? "")) is not configured")
        }
        guard let name = text("placement") else {
            throw BadRequest(status: 400, code: "missing_parameter", message: "placement is required")
        }
        guard let placement = placements[name] else {
            throw BadRequest(
                status: 404, code: "unknown_placement",
                message: "placement \(QuotedValue.quoted(name)) is not configured (\(placements.keys.sorted().joined(separator: ", ")))")
        }
        if let format = text("format"), format != "json" {
            throw BadRequest(
                status: 400, code: "invalid_parameter",
                message: format == "html" ? "format=html comes with a later release; use json" : "format must be json")
        }
        var limit: Int?
        if let value = text("limit") {
            guard let number = Int(value), (1...Placement.maxLimit).contains(number) else {
                throw BadRequest(status: 400, code: "invalid_parameter", message: "limit must be an integer from 1 to \(Placement.maxLimit)")
            }
            limit = number
        }
        var cart: [Int] = []
        if let value = text("cart") {
            let parts = value.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count <= 100, let ids = Optional(parts.compactMap { Int($0) }), ids.count == parts.count,
                ids.allSatisfy({ $0 > 0 })
            else {
                throw BadRequest(
                    status: 400, code: "invalid_parameter", message: "cart must be up to 100 comma-separated product ids")
            }
            cart = ids
        }
        var visitor: String?
        if let value = text("visitor") {
            guard VisitorID.isValid(value) else {
                throw BadRequest(status: 400, code: "invalid_parameter", message: "visitor must be 1 to 32 letters and digits")
            }
            visitor = value
        }
        var orderProducts: [Int] = []
        if let order = try id("order"), let sales {
            orderProducts = try await sales.loggedSale(storefront: shop.name, orderID: order)?.lines.map(\.productID) ?? []
        }
        let email = text("customer_token").flatMap { verifier.identity(from: $0, now: Date())?.email }
        let context = PlacementContext(
            product: try id("product"), category: try id("category"), cart: cart, orderProducts: orderProducts,
            visitor: visitor, customerEmail: email)
        let answer = try await service.recommend(placement, context: context, shop: shop, limit: limit)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var response = ServerRoutes.json(200, Array(try encoder.encode(answer)))
        response.headers[.cacheControl] = placement.kind.isPersonal ? "private, no-store" : "public, max-age=60"
        return response
    }
}
