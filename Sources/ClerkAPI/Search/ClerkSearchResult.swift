/// The answer of `search/search`: one page of product ids in Clerk's order, the totals and the facets.
public struct ClerkSearchResult: Sendable, Hashable {
    /// The product ids of this page, in Clerk's order (`result`).
    public var ids: [Int]
    /// How many products match in all (`hits`).
    public var hits: Int
    /// How many ids this page holds (`count`; the length of `ids` when Clerk leaves it out).
    public var count: Int
    /// The requested facets by attribute, buckets in Clerk's order (`facets`); empty when none were asked for.
    public var facets: [String: [ClerkFacetBucket]]
    /// Whether Clerk found no exact match and answered with looser ones (`no_exact_match`).
    public var noExactMatch: Bool

    /// Creates a result.
    public init(
        ids: [Int], hits: Int, count: Int, facets: [String: [ClerkFacetBucket]] = [:], noExactMatch: Bool = false
    ) {
        self.ids = ids
        self.hits = hits
        self.count = count
        self.facets = facets
        self.noExactMatch = noExactMatch
    }
}
