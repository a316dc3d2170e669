/// Where email blocks find a shopper's abandoned cart: the products of their last cart that was not bought.
public protocol AbandonedCartSource: Sendable {
    /// The product ids of the last unbought cart of the shopper with `email` on `storefront`, in the order they
    /// were added; empty when there is none.
    func abandonedCart(email: String, storefront: String) async throws -> [Int]
}
