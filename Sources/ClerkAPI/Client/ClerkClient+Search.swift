/// Search (`search/*`, public key): POST with a JSON body; the private key is never sent.
extension ClerkClient {
    /// Searches products: `POST /search/search` with `query`, `limit`, `labels` (always sent), and `offset`
    /// (when above 0), `visitor`, `filter`, `facets` (when not empty), `orderby` and `order` when given.
    ///
    /// - Parameters:
    ///   - orderBy: the attribute to sort by (`orderby`); `order` is sent only with it.
    ///   - timeout: overrides the client's timeout for this call.
    /// - Returns: the page's ids in Clerk's order, `hits`, `count` and the facets as typed buckets.
    public func search(
        query: String, limit: Int, offset: Int = 0, visitor: String?, labels: [String], filter: String? = nil,
        facets: [String] = [], orderBy: String? = nil, order: ClerkSortOrder? = nil, timeout: Duration? = nil,
        keys: ClerkStoreKeys
    ) async throws(ClerkError) -> ClerkSearchResult {
        let request = ClerkRequest.search(
            query: query, limit: limit, offset: offset, visitor: visitor, labels: labels, filter: filter,
            facets: facets, orderBy: orderBy, order: order, keys: keys)
        return try await perform(request, timeout: timeout).decode(SearchAnswer.self, for: request) { $0.result }
    }

    /// Search-as-you-type: `POST /search/predictive` with `query`, `limit` (Clerk allows at most 10), `labels`,
    /// and `visitor` and `filter` when given. Returns the product ids in Clerk's order.
    public func predictive(
        query: String, limit: Int, visitor: String?, labels: [String], filter: String? = nil,
        timeout: Duration? = nil, keys: ClerkStoreKeys
    ) async throws(ClerkError) -> [Int] {
        let request = ClerkRequest.predictive(
            query: query, limit: limit, visitor: visitor, labels: labels, filter: filter, keys: keys)
        return try await perform(request, timeout: timeout).decode(IDList.self, for: request) { $0.ids }
    }

    /// Finds categories: `POST /search/categories` with `query` (empty matches all), `limit` (at most 10) and
    /// `visitor` when given. Returns the `categories` member's `{id, name, url}` in Clerk's order.
    public func categories(
        query: String, limit: Int, visitor: String?, timeout: Duration? = nil, keys: ClerkStoreKeys
    ) async throws(ClerkError) -> [ClerkCategoryHit] {
        let request = ClerkRequest.searchList(
            "search/categories", query: query, limit: limit, visitor: visitor, keys: keys)
        return try await perform(request, timeout: timeout).decode(CategoryHits.self, for: request) { $0.categories }
    }

    /// Query suggestions: `POST /search/suggestions` with `query`, `limit` (at most 10) and `visitor` when
    /// given. Returns the suggested queries in Clerk's order.
    public func suggestions(
        query: String, limit: Int, visitor: String?, timeout: Duration? = nil, keys: ClerkStoreKeys
    ) async throws(ClerkError) -> [String] {
        let request = ClerkRequest.searchList(
            "search/suggestions", query: query, limit: limit, visitor: visitor, keys: keys)
        return try await perform(request, timeout: timeout).decode(ResultList<String>.self, for: request) { $0.result }
    }
}
