import Foundation

/// One assignment of a price list to a channel and/or customer group.
public struct SourcePriceListAssignment: Sendable, Equatable {
    /// The assignment id.
    public var id: Int
    /// The assigned price list.
    public var priceListID: Int
    /// The customer group, `nil` or 0 when the assignment applies to every shopper.
    public var customerGroupID: Int?
    /// The channel, `nil` when the assignment names none.
    public var channelID: Int?

    /// Creates a price-list assignment.
    public init(id: Int, priceListID: Int, customerGroupID: Int?, channelID: Int?) {
        self.id = id
        self.priceListID = priceListID
        self.customerGroupID = customerGroupID
        self.channelID = channelID
    }
}
