/// Where an order's lines are read when the sales ledger has not logged its sale yet: BigCommerce's Orders API,
/// for the thank-you page that loads before the order webhook has been handled.
public protocol PlacedOrderSource: Sendable {
    /// Order `id` as BigCommerce holds it; nil when there is no such order.
    func placedOrder(id: Int) async throws -> PlacedOrder?
}

/// An order as the `post_purchase` placement needs it: where it was placed and what was bought.
public struct PlacedOrder: Sendable, Hashable {
    /// The channel the order was placed on.
    public var channelID: Int
    /// The parent product ids of its lines, in line order, each once.
    public var productIDs: [Int]

    /// Creates an order.
    public init(channelID: Int, productIDs: [Int]) {
        self.channelID = channelID
        self.productIDs = productIDs
    }
}
