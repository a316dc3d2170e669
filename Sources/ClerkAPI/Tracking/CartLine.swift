/// One product in a basket tracking call, sent as `{"id":…,"qty":…}`.
public struct CartLine: Sendable, Hashable {
    /// The product id (Clerk's product `id`, i.e. the parent product).
    public var productID: Int
    /// How many units were added, removed, or are in the basket.
    public var quantity: Int

    /// Creates a basket line.
    public init(productID: Int, quantity: Int) {
        self.productID = productID
        self.quantity = quantity
    }
}
