/// Customers (private key): the documents Clerk's Audience and email tools read (clerk-api.md §2.1, §2.7).
extension ClerkClient {
    /// Adds or replaces customers: `POST /customers` with `{"key","private_key","customers":[…]}`. Clerk's newest
    /// documentation calls a customer's `customerid` and `email` immutable: change them by deleting, then creating.
    public func upsertCustomers(_ documents: [RawDocument], keys: ClerkStoreKeys) async throws(ClerkError) {
        try await upsertRaw(documents, collection: "customers", keys: keys)
    }

    /// Removes customers: `DELETE /customers?key&private_key&customers=["1","2"]` (ids as strings, as the published
    /// spec shows), in requests of at most 100 ids. What Clerk answers for an id it does not hold is UNCONFIRMED (the
    /// catalog's answer, `ok`, is assumed).
    public func deleteCustomers(ids: [Int], keys: ClerkStoreKeys) async throws(ClerkError) {
        for start in stride(from: 0, to: ids.count, by: Self.idsPerQuery) {
            let chunk = ids[start..<min(start + Self.idsPerQuery, ids.count)]
            let request = ClerkRequest.query(
                .delete, path: "customers", keys: keys, parameters: [("customers", QueryEncoding.jsonList(chunk.map(String.init)))])
            _ = try await perform(request)
        }
    }

    /// The ids of the customers Clerk holds with one of `emails`: `GET /customers?customers=["a@b.c"]`. The answer's
    /// shape is UNCONFIRMED (the published example is empty); `{"status":"ok","customers":[{"id",…}]}` is read, ids
    /// as numbers or numeric strings.
    public func customerIDs(emails: [String], keys: ClerkStoreKeys) async throws(ClerkError) -> [Int] {
        guard !emails.isEmpty else { return [] }
        let request = ClerkRequest.query(.get, path: "customers", keys: keys, parameters: [("customers", QueryEncoding.jsonList(emails))])
        return try await perform(request).decode(CustomerList.self, for: request) { list in
            list.customers.compactMap(\.id)
        }
    }
}

/// `{"customers":[{"id": 1 | "1", …}]}`.
private struct CustomerList: Decodable {
    struct Entry: Decodable {
        var id: Int?

        private enum CodingKeys: String, CodingKey { case id }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = (try? c.integer(.id)) ?? c.text(.id).flatMap { Int($0) }
        }
    }

    var customers: [Entry]
}
