import CatalogMapping

/// The products of an email block (contract.md: `{"items": [card]}`), with what they are and where they came
/// from.
public struct EmailBlock: Sendable, Hashable, Encodable {
    /// The storefront.
    public var storefront: String
    /// The block type.
    public var type: String
    /// Where the products came from: Clerk, the best sellers (`fallback`, or `mixed` when they filled up Clerk's
    /// answer), or the shopper's `cart`.
    public var source: ProductSource
    /// The storefront currency.
    public var currency: String
    /// The products, in order.
    public var items: [ProductCard]
}
