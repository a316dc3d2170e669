/// The answer of `search/search`: `result` ids, `hits`, `count`, `facets` and `no_exact_match`.
struct SearchAnswer: Decodable {
    /// What the client returns.
    var result: ClerkSearchResult

    private enum CodingKeys: String, CodingKey {
        case result, hits, count, facets
        case noExactMatch = "no_exact_match"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let ids = try container.decode([ClerkInteger].self, forKey: .result).map(\.value)
        var facets: [String: [ClerkFacetBucket]] = [:]
        // `facets` is absent, null or `[]` when none were asked for.
        if container.contains(.facets), try !container.decodeNil(forKey: .facets),
            (try? container.decode([ClerkInteger].self, forKey: .facets))?.isEmpty != true
        {
            facets = try container.decode([String: [ClerkFacetBucket]].self, forKey: .facets)
        }
        result = ClerkSearchResult(
            ids: ids, hits: try container.integer(.hits) ?? ids.count, count: try container.integer(.count) ?? ids.count,
            facets: facets, noExactMatch: (try? container.decodeIfPresent(Bool.self, forKey: .noExactMatch)) ?? false)
    }
}
