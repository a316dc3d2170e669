import CatalogMapping
import Hummingbird
import Storefront
import StorefrontRegistry
import Tracking

/// `GET /v1/search` and `GET /v1/search/predictive` (contract.md): Clerk's search resolved to storefront data,
/// with the store's facets, filters and sort orders.
///
/// `/v1/search` takes `storefront` (default: the first), `q`, `page` (1–1000, default 1), `limit` (1–100, default
/// 24), `sort` (BigCommerce's names), `visitor`, `format` (`json`, or `html`: the results as the product grid of
/// `storefront.css`, from the search template) and the filters `brand`, `category`, `option_<name>`, `cf_<name>`
/// (each repeatable), `price_min`, `price_max`, `rating_min` and `in_stock`; any other parameter, or a single one
/// given twice, is a 400 naming it (`ShopperParameters`), and so is an option or custom-field filter the
/// storefront's catalog does not have, so a misspelt filter is not silently ignored. `/v1/search/predictive` takes `storefront`, `q` (required),
/// `limit` (1–20, default 10; Clerk gives at most 10) and `visitor`.
///
/// Bad values are 400 naming the parameter, an unknown storefront 404, 503 until the storefronts are known or
/// when Clerk does not answer within the search budget. Answers without a visitor are the same for every shopper
/// and may be cached briefly by shared caches; personal ones are private.
public struct SearchEndpoint: ShopperRoute {
    /// The parameters of `/v1/search` that are not filters.
    static let searchParameters: Set<String> = ["storefront", "q", "page", "limit", "sort", "visitor", "format"]
    /// The parameters `/v1/search` takes: the filters of contract.md besides the above.
    static let searchAccepted = ShopperParameters(
        route: "/v1/search",
        single: [
            "storefront", "q", "page", "limit", "sort", "visitor", "format", "price_min", "price_max", "rating_min", "in_stock",
        ],
        repeatable: ["brand", "category"], repeatablePrefixes: ["option_", "cf_"])
    /// The parameters `/v1/search/predictive` takes.
    static let predictiveAccepted = ShopperParameters(
        route: "/v1/search/predictive", single: ["storefront", "q", "limit", "visitor"])
    /// The longest query accepted, in characters.
    static let maxQueryLength = 256
    /// The most results `/v1/search/predictive` accepts to be asked for.
    static let maxPredictiveLimit = 20
    /// How long a shared answer may be cached, in seconds.
    static let sharedMaxAge = 60

    let service: SearchService
    let storefronts: StorefrontRegistry
    let renderer: SearchResultsRenderer

    /// Creates the endpoint; `renderer` renders `format=html`.
    public init(service: SearchService, storefronts: StorefrontRegistry, renderer: SearchResultsRenderer) {
        self.service = service
        self.storefronts = storefronts
        self.renderer = renderer
    }

    /// Adds `GET /v1/search` and `GET /v1/search/predictive`.
    public func addRoutes(to group: RouterGroup<ServerRequestContext>) {
        group.get("search") { request, _ in
            try await APIError.unavailableOnFailure("search") { try await search(ShopperQuery(request, accepting: Self.searchAccepted)) }
        }
        group.get("search/predictive") { request, _ in
            try await APIError.unavailableOnFailure("search") { try await predictive(ShopperQuery(request, accepting: Self.predictiveAccepted)) }
        }
    }

    private func search(_ query: ShopperQuery) async throws -> EditedResponse<ShopperAnswer> {
        let storefront = try query.storefront(in: storefronts)
        let text = try Self.queryText(query)
        let page = try query.integer("page", in: 1...SearchRequest.maxPage) ?? 1
        let limit = try query.integer("limit", in: 1...SearchRequest.maxLimit) ?? SearchRequest.defaultLimit
        let visitor = try query.visitor()
        let format = try query.choice("format", of: ["json", "html"], default: "json")
        var filters: [String: [String]] = [:]
        for (name, value) in query.parameters where !Self.searchParameters.contains(String(name)) {
            filters[String(name), default: []].append(String(value))
        }
        let request = SearchRequest(
            query: text, page: page, limit: limit, sort: query.text("sort"), filters: filters, visitor: visitor)
        let answer: SearchResults
        do {
            answer = try await service.search(request, storefront: storefront)
        } catch let error as ShopperFilterError {
            throw APIError.invalidParameter(error.description)
        } catch let error as SearchSortError {
            throw APIError.invalidParameter(error.description)
        } catch let error as SearchUnavailable {
            throw APIError(.serviceUnavailable, code: "unavailable", message: error.description)
        }
        return Self.answer(format == "html" ? .html(renderer.render(answer)) : .json(answer), visitor: visitor)
    }

    private func predictive(_ query: ShopperQuery) async throws -> EditedResponse<ShopperAnswer> {
        let storefront = try query.storefront(in: storefronts)
        guard let text = try Self.queryText(query) else {
            throw APIError.missingParameter("q")
        }
        let limit = try query.integer("limit", in: 1...Self.maxPredictiveLimit) ?? SearchService.clerkPredictiveMax
        let visitor = try query.visitor()
        let answer: PredictiveResults
        do {
            answer = try await service.predictive(query: text, limit: limit, visitor: visitor, storefront: storefront)
        } catch let error as SearchUnavailable {
            throw APIError(.serviceUnavailable, code: "unavailable", message: error.description)
        }
        return Self.answer(.json(answer), visitor: visitor)
    }

    /// `q`, at most `maxQueryLength` characters; nil when absent or empty.
    private static func queryText(_ query: ShopperQuery) throws(APIError) -> String? {
        guard let text = query.text("q") else {
            return nil
        }
        guard text.count <= maxQueryLength else {
            throw .invalidParameter("q must be at most \(maxQueryLength) characters")
        }
        return text
    }

    /// `body`; without a visitor the same for every shopper, so shared caches may keep it briefly.
    private static func answer(_ body: ShopperAnswer, visitor: String?) -> EditedResponse<ShopperAnswer> {
        EditedResponse(
            headers: [.cacheControl: ShopperAnswer.cacheControl(shared: visitor == nil, maxAge: sharedMaxAge)],
            response: body)
    }
}
