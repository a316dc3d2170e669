/// Request builders for order calls. Pure: nothing is sent here.
extension ClerkRequest {
    /// `PATCH /orders`: `{"key","private_key","orders":[{"id","status"}]}`.
    static func updateOrderStatus(orderID: String, status: ClerkOrderStatus, keys: ClerkStoreKeys) -> ClerkRequest {
        json(.patch, path: "orders", keys: keys) {
            var item = JSONBodyBuilder(capacity: 48)
            item.addString("id", orderID)
            item.addString("status", status.rawValue)
            $0.addRawArray("orders", [item.finish().bytes])
        }
    }
}
