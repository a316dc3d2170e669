/// What a placement recommends, and from which context (issue 5's built-in placements).
///
/// | kind | Clerk (primary) | context | fallback |
/// |---|---|---|---|
/// | `home` | `recommendations/visitor/complementary` | the visitor | `recommendations/popular` |
/// | `category` | `recommendations/category/popular` | `category` | best sellers in the category |
/// | `product_alternatives` | `recommendations/substituting` | `product` | best sellers of its categories |
/// | `product_complementary` | `recommendations/complementary` | `product` | best sellers of its categories |
/// | `cart` | `recommendations/complementary` | `cart` (product ids) | `recommendations/popular` |
/// | `post_purchase` | `recommendations/customer/complementary`, or `recommendations/complementary` to the order's products (from the sales ledger, or BigCommerce before the sale is logged), or the visitor's when the order cannot be read now | `order`, the customer | `recommendations/popular` |
public enum PlacementKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// The home page: personal to the visitor, popular when Clerk knows nothing of them.
    case home
    /// A category page: popular in that category.
    case category
    /// A product page: alternatives to the product.
    case productAlternatives = "product_alternatives"
    /// A product page: what is bought with the product.
    case productComplementary = "product_complementary"
    /// The cart: complementary to the cart's products.
    case cart
    /// After the purchase: complementary to the order or the customer's history.
    case postPurchase = "post_purchase"

    /// The context parameter the placement needs, nil when none is required.
    public var requiredContext: String? {
        switch self {
        case .home: nil
        case .category: "category"
        case .productAlternatives, .productComplementary: "product"
        case .cart: "cart"
        case .postPurchase: "order"
        }
    }

    /// Whether answers depend on who asks (never cached across shoppers).
    public var isPersonal: Bool {
        switch self {
        case .home, .postPurchase: true
        case .category, .productAlternatives, .productComplementary, .cart: false
        }
    }
}
