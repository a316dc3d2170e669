import BigCommerceAPI
import Storefront
import SyncEngine

/// Reads an order for the `post_purchase` placement from BigCommerce's Orders API (V2): the order for its
/// channel, then its lines, keeping the lines the sale logger would log (`SaleLogger.isSaleLine`).
struct BigCommercePlacedOrders: PlacedOrderSource {
    let client: BigCommerceClient

    func placedOrder(id: Int) async throws -> PlacedOrder? {
        guard let order = try await client.order(id: id), !order.isDeleted else { return nil }
        let lines = try await client.orderProducts(orderID: id).filter(SaleLogger.isSaleLine)
        var seen = Set<Int>()
        return PlacedOrder(channelID: order.channelID, productIDs: lines.map(\.productID).filter { seen.insert($0).inserted })
    }
}
