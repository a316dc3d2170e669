/// A place on the storefront that shows Clerk's recommendations, as the merchant configured it (`placements:`).
public struct Placement: Sendable, Hashable {
    /// The name shoppers' pages ask for (`placement=`), `[a-z0-9_-]+`.
    public var name: String
    /// What it recommends.
    public var kind: PlacementKind
    /// The labels sent to Clerk with every call, for click and sale attribution.
    public var labels: [String]
    /// How many products it shows by default (a request may ask for fewer, up to `maxLimit`).
    public var limit: Int
    /// A Clerk filter the merchant wrote (their own expression, not shopper input), applied to every call.
    public var filter: String?
    /// Whether products out of stock are left out (and the list filled up from the fallback).
    public var inStockOnly: Bool

    /// The most products one answer may hold.
    public static let maxLimit = 50

    /// Creates a placement.
    public init(
        name: String, kind: PlacementKind, labels: [String], limit: Int = 8, filter: String? = nil,
        inStockOnly: Bool = false
    ) {
        self.name = name
        self.kind = kind
        self.labels = labels
        self.limit = min(max(limit, 1), Self.maxLimit)
        self.filter = filter
        self.inStockOnly = inStockOnly
    }

    /// The built-in placements, each under its kind's name, with labels in Clerk's recommended style.
    public static let defaults: [Placement] = [
        Placement(name: "home", kind: .home, labels: ["Home - Recommended for you"]),
        Placement(name: "category", kind: .category, labels: ["Category - Popular"]),
        Placement(name: "product_alternatives", kind: .productAlternatives, labels: ["Product page - Alternatives"]),
        Placement(name: "product_complementary", kind: .productComplementary, labels: ["Product page - Bought together"]),
        Placement(name: "cart", kind: .cart, labels: ["Cart - Complete your order"]),
        Placement(name: "post_purchase", kind: .postPurchase, labels: ["Order confirmation - Recommended"]),
    ]
}
