/// One product of a shopper's basket and how many of it.
///
/// The product is always the parent product (BigCommerce `product_id`); a variant never appears here, so
/// the lines of one product's variants are a single line.
public struct BasketLine: Sendable, Hashable {
    /// The BigCommerce product id.
    public var productID: Int
    /// How many, at least 1.
    public var quantity: Int

    /// Creates a line.
    public init(productID: Int, quantity: Int) {
        self.productID = productID
        self.quantity = quantity
    }
}
