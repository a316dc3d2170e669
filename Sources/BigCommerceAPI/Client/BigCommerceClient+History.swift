import Foundation

/// Order history for the import (reference §6.1): orders by ascending id with their lines in one request per page.
extension BigCommerceClient {
    /// One page of `GET /v2/orders?min_id={after+1}&min_date_created=…&sort=id:asc&limit=…&include=consignments.line_items&consignment_structure=object`,
    /// by ascending id; empty past the last order (V2's 204).
    ///
    /// An order whose listing carries no lines (no consignments, or lines given only as links) has ``HistoricalOrder/lines``
    /// nil: read them with ``orderProducts(orderID:)``. UNCONFIRMED: that every line of every order appears in one of
    /// its consignments (the spec says the include returns "the response returned from … `/orders/{order_id}/products`").
    public func orderHistoryPage(
        after lastID: Int, createdSince since: Date?, createdBefore before: Date? = nil, channelID: Int? = nil,
        limit: Int = BigCommerceClient.maximumPageSize
    ) async throws -> [HistoricalOrder] {
        var query: [(name: String, value: String)] = [("min_id", String(lastID + 1))]
        if let since { query.append(("min_date_created", Self.filterTimestamp(since))) }
        if let before { query.append(("max_date_created", Self.filterTimestamp(before))) }
        if let channelID { query.append(("channel_id", String(channelID))) }
        query += [
            ("sort", "id:asc"), ("limit", String(min(max(limit, 1), Self.maximumPageSize))),
            ("include", "consignments.line_items"), ("consignment_structure", "object"),
        ]
        let endpoint = Endpoint(.v2, "orders", query: query)
        let response = try await get(endpoint)
        guard response.hasContent else { return [] }
        return try decode([ListedOrder].self, from: response.body, endpoint: endpoint).map {
            HistoricalOrder(order: $0.order, lines: $0.lines)
        }
    }
}
