import BigCommerceAPI
import CatalogMapping

/// The store's price lists and their assignments: which price list sets each channel's prices.
///
/// Read apart from the rest of the store-wide data (both lists side by side) so a reindex can ask for its first
/// pages' price records without waiting for the category trees and their categories.
public struct StorePricing: Sendable {
    /// Every price list.
    public var priceLists: [SourcePriceList]
    /// Every price-list assignment.
    public var assignments: [SourcePriceListAssignment]

    /// Creates pricing from already-read lists.
    public init(priceLists: [SourcePriceList], assignments: [SourcePriceListAssignment]) {
        self.priceLists = priceLists
        self.assignments = assignments
    }

    /// Reads the price lists and their assignments side by side (one response time instead of two).
    public static func load(from client: BigCommerceClient) async throws -> StorePricing {
        async let listsRead = client.priceLists()
        async let assignmentsRead = client.priceListAssignments()
        let priceLists = try await listsRead.map { SourcePriceList(id: $0.id, active: $0.active) }
        let assignments = try await assignmentsRead.map {
            SourcePriceListAssignment(id: $0.id, priceListID: $0.priceListID, customerGroupID: $0.customerGroupID, channelID: $0.channelID)
        }
        return StorePricing(priceLists: priceLists, assignments: assignments)
    }

    /// The price list whose records set `channel`'s prices (mapping.md section 5), if any.
    public func priceListID(forChannel channel: Int) -> Int? {
        PriceListSelection.select(priceLists: priceLists, assignments: assignments, channelID: channel)
    }

    /// The price list and currency whose records set `storefront`'s prices, if any.
    func priceKey(for storefront: Storefront) -> PriceKey? {
        priceListID(forChannel: storefront.channelID).map { PriceKey(priceListID: $0, currency: storefront.currency) }
    }
}
