/// Request builders for the search endpoints (`search/*`): POST with a JSON body holding `key` (never
/// `private_key`), then the parameters in name order, optional ones left out when absent and `labels` always
/// sent where the endpoint takes it. Pure: nothing is sent here.
extension ClerkRequest {
    /// `POST /search/search`:
    /// `{"key","facets"?,"filter"?,"labels","limit","offset"?,"order"?,"orderby"?,"query","visitor"?}`; `offset`
    /// only when above 0, `facets` only when not empty, `order` only with `orderby`.
    static func search(
        query: String, limit: Int, offset: Int, visitor: String?, labels: [String], filter: String?,
        facets: [String], orderBy: String?, order: ClerkSortOrder?, keys: ClerkStoreKeys
    ) -> ClerkRequest {
        publicRead("search/search", keys: keys) {
            if !facets.isEmpty { $0.addStringArray("facets", facets) }
            $0.addStringIfPresent("filter", filter)
            $0.addStringArray("labels", labels)
            $0.addInt("limit", limit)
            if offset > 0 { $0.addInt("offset", offset) }
            if let orderBy {
                if let order { $0.addString("order", order.rawValue) }
                $0.addString("orderby", orderBy)
            }
            $0.addString("query", query)
            $0.addStringIfPresent("visitor", visitor)
        }
    }

    /// `POST /search/predictive`: `{"key","filter"?,"labels","limit","query","visitor"?}`.
    static func predictive(
        query: String, limit: Int, visitor: String?, labels: [String], filter: String?, keys: ClerkStoreKeys
    ) -> ClerkRequest {
        publicRead("search/predictive", keys: keys) {
            $0.addStringIfPresent("filter", filter)
            $0.addStringArray("labels", labels)
            $0.addInt("limit", limit)
            $0.addString("query", query)
            $0.addStringIfPresent("visitor", visitor)
        }
    }

    /// `POST /search/categories` or `/search/suggestions`: `{"key","limit","query","visitor"?}`.
    static func searchList(_ path: String, query: String, limit: Int, visitor: String?, keys: ClerkStoreKeys)
        -> ClerkRequest
    {
        publicRead(path, keys: keys) {
            $0.addInt("limit", limit)
            $0.addString("query", query)
            $0.addStringIfPresent("visitor", visitor)
        }
    }
}
