/// Orders (private key): status changes of orders Clerk already holds (from `log/sale` or an order import).
extension ClerkClient {
    /// Sets an order's status: `PATCH /orders` with `{"key","private_key","orders":[{"id","status"}]}`, `id` the
    /// order id as given (a string). The private key is redacted from any error, as on catalog calls.
    ///
    /// The partial-update semantics of `PATCH /v2/orders` follow clerk-api.md §2.1 (`PATCH` updates only the given
    /// attributes); what the live API answers for an order it does not hold is UNCONFIRMED.
    public func updateOrderStatus(
        orderID: String, status: ClerkOrderStatus, keys: ClerkStoreKeys
    ) async throws(ClerkError) {
        _ = try await perform(.updateOrderStatus(orderID: orderID, status: status, keys: keys))
    }
}
