/// What `validate` checks in each storefront (contract.md: each entry of `checks` is `{"check", "ok", "detail"}`).
public enum MarketCheck: Sendable, Hashable {
    /// A configured placement answers with products Clerk chose.
    case placement(String)
    /// A search with a query answers.
    case search
    /// A search narrowed by a filter answers, every product passing the filter.
    case searchFilter
    /// An email block answers.
    case emailBlock
    /// Every product served, and every product Clerk answered, is listed on the storefront's channel and shown.
    case productsListed
    /// Every price is the storefront's price-list price in its currency.
    case prices
    /// Every price is in the storefront's currency.
    case currency
    /// Every product link is on the storefront's base URL and is the product's page there.
    case urls
    /// Every product name is the storefront's (its language's, when BigCommerce has a translation).
    case names
    /// Clerk answered every call within its budget.
    case clerkLatency

    /// The name in the report: `placement.home`, `search`, `search_filter`, `email_block`, `products_listed`,
    /// `prices`, `currency`, `urls`, `names`, `clerk_latency`.
    public var name: String {
        switch self {
        case .placement(let placement): "placement.\(placement)"
        case .search: "search"
        case .searchFilter: "search_filter"
        case .emailBlock: "email_block"
        case .productsListed: "products_listed"
        case .prices: "prices"
        case .currency: "currency"
        case .urls: "urls"
        case .names: "names"
        case .clerkLatency: "clerk_latency"
        }
    }
}
