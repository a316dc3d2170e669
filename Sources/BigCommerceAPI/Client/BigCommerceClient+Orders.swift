import Foundation

/// Orders V2 (reference §6.1): one order and its lines, for the sale logger.
extension BigCommerceClient {
    /// `GET /v2/orders/{id}`; nil when BigCommerce does not know the order (404, or 204/an empty body).
    public func order(id: Int) async throws -> Order? {
        let endpoint = Endpoint(.v2, "orders/\(id)")
        let response = try await get(endpoint, accepting: [404])
        guard response.status != 404, response.hasContent else { return nil }
        return try decode(Order.self, from: response.body, endpoint: endpoint)
    }

    /// `GET /v2/orders/{id}/products?page=N&limit=250`, every page: reading stops at a short page or at V2's
    /// 204 No Content (its answer for an empty list, also past the last page). An order without lines, or one
    /// BigCommerce does not know (404), has none.
    public func orderProducts(orderID: Int) async throws -> [OrderProduct] {
        var result: [OrderProduct] = []
        var page = 1
        while true {
            let endpoint = Endpoint(
                .v2, "orders/\(orderID)/products",
                query: [("page", String(page)), ("limit", String(Self.maximumPageSize))])
            let response = try await get(endpoint, accepting: [404])
            guard response.status != 404, response.hasContent else { break }
            let lines = try decode([OrderProduct].self, from: response.body, endpoint: endpoint)
            result += lines
            if lines.count < Self.maximumPageSize { break }
            page += 1
        }
        return result
    }
}
