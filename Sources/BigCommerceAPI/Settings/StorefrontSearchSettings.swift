/// The storefront's search settings (`GET /v3/settings/storefront/search`): the default sort of product lists
/// and whether Product Filtering is on.
public struct StorefrontSearchSettings: Decodable, Sendable, Hashable {
    /// The default sort of product listings: `featured`, `bestselling`, `newest`, `alphaasc`, `alphadesc`,
    /// `priceasc`, `pricedesc`, `avgcustomerreview` or `relevance` (BigCommerce's default `bestselling`).
    public var defaultProductSort: String
    /// Whether Product Filtering (faceted search) is active.
    public var productFilteringEnabled: Bool
    /// Whether search suggestions are on.
    public var searchSuggest: Bool

    private enum CodingKeys: String, CodingKey {
        case defaultProductSort = "default_product_sort"
        case productFilteringEnabled = "product_filtering_enabled"
        case searchSuggest = "search_suggest"
    }

    /// Creates settings.
    public init(defaultProductSort: String, productFilteringEnabled: Bool, searchSuggest: Bool) {
        self.defaultProductSort = defaultProductSort
        self.productFilteringEnabled = productFilteringEnabled
        self.searchSuggest = searchSuggest
    }

    /// Decodes leniently; an absent sort is BigCommerce's default, `bestselling`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        defaultProductSort = try c.string(.defaultProductSort, default: "bestselling")
        productFilteringEnabled = try c.bool(.productFilteringEnabled, default: false)
        searchSuggest = try c.bool(.searchSuggest, default: false)
    }
}
