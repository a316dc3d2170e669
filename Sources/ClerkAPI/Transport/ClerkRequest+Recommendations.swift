/// Request builders for the recommendations endpoints (and the shared public-read form): POST with a JSON body
/// holding `key` (never `private_key`), then the parameters in name order, optional ones left out when absent
/// and `labels` always sent. Pure: nothing is sent here.
extension ClerkRequest {
    /// `POST /recommendations/…`:
    /// `{"key","category"?,"email"?,"exclude"?,"filter"?,"keywords"?,"labels","limit","products"?,"visitor"?}`.
    static func recommendations(
        _ recommendation: ClerkRecommendation, limit: Int, visitor: String?, email: String? = nil, labels: [String], filter: String?,
        exclude: [Int], keys: ClerkStoreKeys
    ) -> ClerkRequest {
        publicRead(recommendation.endpoint, keys: keys, capacity: 128 + 12 * exclude.count) {
            if let category = recommendation.category { $0.addInt("category", category) }
            $0.addStringIfPresent("email", recommendation.email ?? email)
            if !exclude.isEmpty { $0.addIntArray("exclude", exclude) }
            $0.addStringIfPresent("filter", filter)
            $0.addStringIfPresent("keywords", recommendation.keywords)
            $0.addStringArray("labels", labels)
            $0.addInt("limit", limit)
            if let products = recommendation.products { $0.addIntArray("products", products) }
            $0.addStringIfPresent("visitor", visitor)
        }
    }

    /// A public-key POST with a JSON body (`key` only) for the shopper-facing reads.
    static func publicRead(
        _ path: String, keys: ClerkStoreKeys, capacity: Int = 128, members: (inout JSONBodyBuilder) -> Void
    ) -> ClerkRequest {
        json(.post, path: path, keys: keys, includePrivateKey: false, capacity: capacity, members: members)
    }
}
