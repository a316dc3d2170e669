/// Catalog ingestion (private key): products and categories, upserted, deleted and read back by id.
extension ClerkClient {
    /// Ids per GET or DELETE request, keeping the query string to a few kilobytes.
    static let idsPerQuery = 100

    /// Adds or replaces products: `POST /products` with `{"key","private_key","products":[…]}`, the documents
    /// copied into the body byte for byte. Does nothing for an empty list.
    ///
    /// Split large sets with `DocumentBatches` first; a body Clerk finds too large throws `.payloadTooLarge`.
    public func upsertProducts(_ documents: [RawDocument], keys: ClerkStoreKeys) async throws(ClerkError) {
        try await upsert(documents, collection: "products", keys: keys)
    }

    /// Removes products: `DELETE /products?key&private_key&products=[…]`, in requests of at most 100 ids.
    /// Deleting an id Clerk does not hold is not an error. Does nothing for an empty list.
    public func deleteProducts(ids: [Int], keys: ClerkStoreKeys) async throws(ClerkError) {
        try await delete(ids: ids, collection: "products", keys: keys)
    }

    /// Adds or replaces categories: `POST /categories` with `{"key","private_key","categories":[…]}`.
    public func upsertCategories(_ documents: [RawDocument], keys: ClerkStoreKeys) async throws(ClerkError) {
        try await upsert(documents, collection: "categories", keys: keys)
    }

    /// Removes categories: `DELETE /categories?key&private_key&categories=[…]`, in requests of at most 100 ids.
    public func deleteCategories(ids: [Int], keys: ClerkStoreKeys) async throws(ClerkError) {
        try await delete(ids: ids, collection: "categories", keys: keys)
    }

    /// Reads products back: `GET /products?key&private_key&products=[…]`, in requests of at most 100 ids.
    ///
    /// Returns each document decoded as `Document` by Foundation's `JSONDecoder`, by id; ids Clerk does not hold
    /// are absent, and so are elements that are not objects with a usable id. Ids in the response may be numbers
    /// or numeric strings.
    public func products<Document: Decodable & Sendable>(
        ids: [Int], as type: Document.Type, keys: ClerkStoreKeys
    ) async throws(ClerkError) -> [Int: Document] {
        try await read(ids: ids, collection: .products, keys: keys)
    }

    /// Reads categories back: `GET /categories?key&private_key&categories=[…]`, like `products(ids:as:keys:)`.
    public func categories<Document: Decodable & Sendable>(
        ids: [Int], as type: Document.Type, keys: ClerkStoreKeys
    ) async throws(ClerkError) -> [Int: Document] {
        try await read(ids: ids, collection: .categories, keys: keys)
    }

    /// Checks a key pair with a cheap authenticated call (`GET /products` with `products=[]`); throws
    /// `.authentication` when Clerk rejects the keys.
    public func verifyKeys(_ keys: ClerkStoreKeys) async throws(ClerkError) {
        let request = ClerkRequest.query(
            .get, path: "products", keys: keys, parameters: [("products", QueryEncoding.jsonList([Int]()))])
        _ = try await perform(request)
    }

    private func upsert(_ documents: [RawDocument], collection: String, keys: ClerkStoreKeys) async throws(ClerkError) {
        guard !documents.isEmpty else { return }
        let size = documents.reduce(documents.count) { $0 + $1.json.count }
        let request = ClerkRequest.json(.post, path: collection, keys: keys, capacity: size + collection.utf8.count) {
            $0.addRawArray(collection, documents.lazy.map(\.json))
        }
        _ = try await perform(request)
    }

    private func delete(ids: [Int], collection: String, keys: ClerkStoreKeys) async throws(ClerkError) {
        for chunk in Self.chunks(of: ids) {
            let request = ClerkRequest.query(
                .delete, path: collection, keys: keys, parameters: [(collection, QueryEncoding.jsonList(chunk))])
            _ = try await perform(request)
        }
    }

    private func read<Document: Decodable & Sendable>(
        ids: [Int], collection: CatalogCollection, keys: ClerkStoreKeys
    ) async throws(ClerkError) -> [Int: Document] {
        var documents: [Int: Document] = [:]
        for chunk in Self.chunks(of: ids) {
            let path = collection.rawValue
            let request = ClerkRequest.query(
                .get, path: path, keys: keys, parameters: [(path, QueryEncoding.jsonList(chunk))])
            let found = try await perform(request).decode(DocumentList<Document>.self, for: request) {
                try $0.documents(in: collection)
            }
            documents.merge(found) { _, new in new }
        }
        return documents
    }

    private static func chunks(of ids: [Int]) -> [ArraySlice<Int>] {
        stride(from: 0, to: ids.count, by: idsPerQuery).map { ids[$0..<min($0 + idsPerQuery, ids.count)] }
    }
}
