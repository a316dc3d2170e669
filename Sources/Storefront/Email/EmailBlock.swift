import CatalogMapping

/// The products of an email block (contract.md: `{"items": [card]}`), with what they are and where they came
/// from.
public struct EmailBlock: Sendable, Hashable, Encodable {
    /// The storefront.
    public var storefront: String
    /// The block type.
    public var type: String
    /// `clerk`, `fallback` (Clerk failed: best sellers, or nothing for a block of the shopper's own products) or
    /// `cart` (the shopper's cart).
    public var source: String
    /// The storefront currency.
    public var currency: String
    /// The products, in order.
    public var items: [ProductCard]
}
