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

extension ClerkClient {
    /// Adds or replaces orders: `POST /orders` with `{"key","private_key","orders":[…]}`, the documents copied into the
    /// body byte for byte (each an order object with a string `id`, `time`, `products`, …). Does nothing for an empty
    /// list. A replaced order loses what its earlier document held and the new one does not (a `log/sale` visitor),
    /// so orders the live sale logger sent are never sent here.
    public func upsertOrders(_ documents: [RawDocument], keys: ClerkStoreKeys) async throws(ClerkError) {
        try await upsertRaw(documents, collection: "orders", keys: keys)
    }

    /// `POST /<collection>` with the documents as its list member.
    func upsertRaw(_ documents: [RawDocument], collection: String, keys: ClerkStoreKeys) async throws(ClerkError) {
        guard !documents.isEmpty else { return }
        let size = documents.reduce(documents.count) { $0 + $1.json.count }
        let request = ClerkRequest.json(.post, path: collection, keys: keys, capacity: size + collection.utf8.count) {
            $0.addRawArray(collection, documents.lazy.map(\.json))
        }
        _ = try await perform(request)
    }
}
