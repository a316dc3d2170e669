/// One price-list assignment (`/v3/pricelists/assignments`).
public struct SandboxPriceListAssignment: Sendable, Hashable {
    /// Assignment id.
    public var id: Int
    /// Price list id.
    public var priceListID: Int
    /// Customer group id, nil for every shopper.
    public var customerGroupID: Int?
    /// Channel id, nil for every channel.
    public var channelID: Int?

    /// Creates an assignment.
    public init(id: Int, priceListID: Int, customerGroupID: Int?, channelID: Int?) {
        self.id = id
        self.priceListID = priceListID
        self.customerGroupID = customerGroupID
        self.channelID = channelID
    }
}
