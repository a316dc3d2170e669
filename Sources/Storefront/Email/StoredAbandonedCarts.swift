import SyncStore

/// Abandoned carts from the shopper baskets the event intake keeps.
public struct StoredAbandonedCarts: AbandonedCartSource {
    private let baskets: any ShopperBaskets

    /// Reads the baskets of `baskets`.
    public init(baskets: any ShopperBaskets) {
        self.baskets = baskets
    }

    /// The products of the shopper's most recently changed basket that was not bought.
    public func abandonedCart(email: String, storefront: String) async throws -> [Int] {
        try await baskets.basket(email: email, storefront: storefront)?.lines.map(\.productID) ?? []
    }
}
