import CatalogMapping
import Foundation
import Testing

/// mapping.md §5: which price list prices a storefront.
@Suite struct PriceListSelectionTests {
    let lists = [SourcePriceList(id: 1, active: false), SourcePriceList(id: 2, active: true), SourcePriceList(id: 3, active: true)]

    @Test func inactiveListIsSkipped() {
        let assignments = [
            SourcePriceListAssignment(id: 1, priceListID: 1, customerGroupID: nil, channelID: 1),
            SourcePriceListAssignment(id: 5, priceListID: 3, customerGroupID: nil, channelID: 1),
        ]
        #expect(PriceListSelection.select(priceLists: lists, assignments: assignments, channelID: 1) == 3)
    }

    @Test func customerGroupAssignmentIsSkipped() {
        let assignments = [
            SourcePriceListAssignment(id: 1, priceListID: 2, customerGroupID: 4, channelID: 1),
            SourcePriceListAssignment(id: 2, priceListID: 3, customerGroupID: 0, channelID: 1),
        ]
        #expect(PriceListSelection.select(priceLists: lists, assignments: assignments, channelID: 1) == 3)
        #expect(PriceListSelection.select(priceLists: lists, assignments: Array(assignments.prefix(1)), channelID: 1) == nil)
    }

    @Test func lowestAssignmentIDWins() {
        let assignments = [
            SourcePriceListAssignment(id: 9, priceListID: 2, customerGroupID: nil, channelID: 1),
            SourcePriceListAssignment(id: 4, priceListID: 3, customerGroupID: nil, channelID: 1),
            SourcePriceListAssignment(id: 1, priceListID: 2, customerGroupID: nil, channelID: 2),
        ]
        #expect(PriceListSelection.select(priceLists: lists, assignments: assignments, channelID: 1) == 3)
        #expect(PriceListSelection.select(priceLists: lists, assignments: assignments, channelID: 2) == 2)
        #expect(PriceListSelection.select(priceLists: lists, assignments: assignments, channelID: 7) == nil)
    }
}
