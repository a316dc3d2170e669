import Foundation

/// Chooses the price list whose records price a storefront (mapping.md §5).
public enum PriceListSelection {
    /// §5: the active list assigned to the channel with no customer group (null or 0), lowest assignment id.
    ///
    /// Only assignments whose `channelID` equals `channelID` count; an assignment naming no channel does not.
    /// - Returns: the price list id, or `nil` when no such assignment exists (amounts are then converted).
    public static func select(
        priceLists: [SourcePriceList],
        assignments: [SourcePriceListAssignment],
        channelID: Int
    ) -> Int? {
        let activeIDs = Set(priceLists.lazy.filter(\.active).map(\.id))
        return assignments
            .filter { assignment in
                assignment.channelID == channelID
                    && (assignment.customerGroupID ?? 0) == 0
                    && activeIDs.contains(assignment.priceListID)
            }
            .min { $0.id < $1.id }?
            .priceListID
    }
}
