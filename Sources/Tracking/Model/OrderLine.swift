import Foundation

/// One line of a placed order: a product, the variant if given, a positive quantity and the unit price paid.
public struct OrderLine: Sendable, Hashable {
    /// The BigCommerce product id.
    public var productID: Int
    /// The BigCommerce variant id as sent (not yet mapped to its parent product).
    public var variantID: Int?
    /// How many, at least 1.
    public var quantity: Int
    /// The unit price, never negative, exactly as sent (parsed from decimal text, never through `Double`).
    public var price: Decimal

    /// Creates an order line.
    public init(productID: Int, variantID: Int? = nil, quantity: Int, price: Decimal) {
        self.productID = productID
        self.variantID = variantID
        self.quantity = quantity
        self.price = price
    }
}
