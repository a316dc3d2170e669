/// One line of a cart or checkout: a product, the variant if given, and a positive quantity.
public struct CartLine: Sendable, Hashable {
    /// The BigCommerce product id.
    public var productID: Int
    /// The BigCommerce variant id as sent (not yet mapped to its parent product).
    public var variantID: Int?
    /// How many, at least 1.
    public var quantity: Int

    /// Creates a cart line.
    public init(productID: Int, variantID: Int? = nil, quantity: Int) {
        self.productID = productID
        self.variantID = variantID
        self.quantity = quantity
    }
}
