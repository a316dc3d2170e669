import CatalogMapping

/// What a shopper's search asks for (contract.md `GET /v1/search`), as read from the query string; the values
/// are checked by `SearchService`.
public struct SearchRequest: Sendable, Hashable {
    /// The products shown on a page when the caller does not say.
    public static let defaultLimit = 24
    /// The most products on one page.
    public static let maxLimit = 100
    /// The furthest page (with `maxLimit`, 100,000 products deep).
    public static let maxPage = 1_000

    /// The shopper's query (`q`); nil or blank browses (a category page).
    public var query: String?
    /// The page, from 1.
    public var page: Int
    /// Products per page, 1…`maxLimit`.
    public var limit: Int
    /// BigCommerce's sort name (`sort`); nil for contract.md's default rule.
    public var sort: String?
    /// The filter parameters (`brand`, `category`, `option_<name>`, `cf_<name>`, `price_min`, `price_max`,
    /// `rating_min`, `in_stock`), name → values in the order given.
    public var filters: [String: [String]]
    /// The shopper's visitor id.
    public var visitor: String?

    /// Creates a request.
    public init(
        query: String? = nil, page: Int = 1, limit: Int = SearchRequest.defaultLimit, sort: String? = nil,
        filters: [String: [String]] = [:], visitor: String? = nil
    ) {
        self.query = query
        self.page = page
        self.limit = limit
        self.sort = sort
        self.filters = filters
        self.visitor = visitor
    }

    /// The category the search is filtered to when it is exactly one (a category page): its per-category
    /// merchandising applies. Nil for none, several, or a value that is not an id.
    public var singleCategory: Int? {
        let values = Set((filters["category"] ?? []).filter { !$0.isEmpty })
        guard values.count == 1, let value = values.first, let id = Int(value), id > 0 else {
            return nil
        }
        return id
    }
}
