/// A Clerk recommendations endpoint with the context it requires (clerk-api.md §5): the products, category,
/// customer email or keywords the recommendation is about. The `visitor/*` endpoints take their context from
/// the call's `visitor`.
public enum ClerkRecommendation: Sendable, Hashable {
    /// `recommendations/popular`: the store's bestsellers now.
    case popular
    /// `recommendations/trending`: the fastest-growing products.
    case trending
    /// `recommendations/new`: the newest products.
    case new
    /// `recommendations/complementary`: bought together with `products` (cross-sell).
    case complementary(products: [Int])
    /// `recommendations/substituting`: alternatives to `products`.
    case substituting(products: [Int])
    /// `recommendations/most_sold_with`: most often bought with `products`.
    case mostSoldWith(products: [Int])
    /// `recommendations/category/popular`: bestsellers of `category`.
    case categoryPopular(category: Int)
    /// `recommendations/category/trending`: fastest-growing products of `category`.
    case categoryTrending(category: Int)
    /// `recommendations/category/new`: the newest products of `category`.
    case categoryNew(category: Int)
    /// `recommendations/visitor/history`: what the visitor viewed recently.
    case visitorHistory
    /// `recommendations/visitor/complementary`: personal cross-sell from the visitor's session.
    case visitorComplementary
    /// `recommendations/visitor/substituting`: personal alternatives from the visitor's session.
    case visitorSubstituting
    /// `recommendations/customer/history`: what the customer with `email` bought.
    case customerHistory(email: String)
    /// `recommendations/customer/complementary`: cross-sell from the customer's order history.
    case customerComplementary(email: String)
    /// `recommendations/customer/substituting`: alternatives from the customer's order history.
    case customerSubstituting(email: String)
    /// `recommendations/keywords`: products for a text such as a blog post.
    case keywords(String)

    /// The endpoint below the API base, e.g. `recommendations/category/popular`.
    public var endpoint: String {
        "recommendations/" + name
    }

    private var name: String {
        switch self {
        case .popular: "popular"
        case .trending: "trending"
        case .new: "new"
        case .complementary: "complementary"
        case .substituting: "substituting"
        case .mostSoldWith: "most_sold_with"
        case .categoryPopular: "category/popular"
        case .categoryTrending: "category/trending"
        case .categoryNew: "category/new"
        case .visitorHistory: "visitor/history"
        case .visitorComplementary: "visitor/complementary"
        case .visitorSubstituting: "visitor/substituting"
        case .customerHistory: "customer/history"
        case .customerComplementary: "customer/complementary"
        case .customerSubstituting: "customer/substituting"
        case .keywords: "keywords"
        }
    }

    /// Whether the endpoint works from the call's `visitor` (the `visitor/*` endpoints), so it cannot go without.
    public var needsVisitor: Bool {
        switch self {
        case .visitorHistory, .visitorComplementary, .visitorSubstituting: true
        default: false
        }
    }

    /// The products the endpoint is about, if it takes `products`.
    public var products: [Int]? {
        switch self {
        case .complementary(let products), .substituting(let products), .mostSoldWith(let products): products
        default: nil
        }
    }

    /// The category the endpoint is about, if it takes `category`.
    public var category: Int? {
        switch self {
        case .categoryPopular(let category), .categoryTrending(let category), .categoryNew(let category): category
        default: nil
        }
    }

    /// The customer's email, if the endpoint takes `email`.
    public var email: String? {
        switch self {
        case .customerHistory(let email), .customerComplementary(let email), .customerSubstituting(let email): email
        default: nil
        }
    }

    /// The text, if the endpoint takes `keywords`.
    public var keywords: String? {
        if case .keywords(let text) = self { return text }
        return nil
    }
}
