/// Recommendations (`recommendations/*`, public key): a POST with a JSON body, answered with product ids in
/// Clerk's order. The private key is never sent.
extension ClerkClient {
    /// Asks Clerk for recommendations: `POST /<recommendation.endpoint>` with `limit`, `labels` (always sent,
    /// Clerk attributes clicks and sales by them), the recommendation's context (`products`, `category`, `email`
    /// or `keywords`), and `visitor`, `filter` (Clerk's filter language, clerk-api.md §6.3) and `exclude` when
    /// given. `email` asks a `visitor/*` endpoint about every visitor Clerk tied to that shopper (it overrides
    /// `visitor`, clerk-api.md §5), as email blocks need.
    ///
    /// - Parameters:
    ///   - timeout: overrides the client's timeout for this call (a placement's latency budget).
    /// - Returns: the product ids in Clerk's order.
    /// - Throws: `.parsing` without sending anything when a `visitor/*` endpoint has no visitor or a
    ///   product-based one no products; otherwise whatever Clerk or the transport says.
    public func recommendations(
        _ recommendation: ClerkRecommendation, limit: Int, visitor: String?, email: String? = nil, labels: [String],
        filter: String? = nil, exclude: [Int] = [], timeout: Duration? = nil, keys: ClerkStoreKeys
    ) async throws(ClerkError) -> [Int] {
        let endpoint = "POST /" + recommendation.endpoint
        if recommendation.needsVisitor, visitor?.isEmpty ?? true, email?.isEmpty ?? true {
            throw ClerkError(kind: .parsing, message: "\(recommendation.endpoint) needs a visitor or an email", endpoint: endpoint)
        }
        if let products = recommendation.products, products.isEmpty {
            throw ClerkError(kind: .parsing, message: "\(recommendation.endpoint) needs products", endpoint: endpoint)
        }
        let request = ClerkRequest.recommendations(
            recommendation, limit: limit, visitor: visitor, email: recommendation.needsVisitor ? email : nil,
            labels: labels, filter: filter, exclude: exclude, keys: keys)
        return try await perform(request, timeout: timeout).decode(IDList.self, for: request) { $0.ids }
    }
}
