/// The answer of `GET /v1/search/predictive` (contract.md): `{"query","items":[card],"categories":[{"id","name",
/// "url"}],"suggestions":[string]}`.
public struct PredictiveResults: Sendable, Hashable, Encodable {
    /// A category matching the query.
    public struct Category: Sendable, Hashable, Encodable {
        /// The category id.
        public var id: Int
        /// Its name.
        public var name: String
        /// Its page, when known.
        public var url: String?
    }

    /// The shopper's query.
    public var query: String
    /// Matching products, in Clerk's order.
    public var items: [ProductCard]
    /// Matching categories, in Clerk's order.
    public var categories: [Category]
    /// Suggested queries, in Clerk's order.
    public var suggestions: [String]
}
