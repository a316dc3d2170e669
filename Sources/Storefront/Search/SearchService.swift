import CatalogMapping
import ClerkAPI
import Foundation
import StorefrontRegistry
import SyncStore

/// Serves search (contract.md `GET /v1/search` and `GET /v1/search/predictive`): asks Clerk within a budget with
/// the shopper's query, filters (quoted into Clerk's filter language by `ShopperFilters`), the store's facets and
/// the sort translated to Clerk's `orderby`/`order` (mapping.md §7), then resolves the ids to cards from the
/// catalog mirror in Clerk's order.
///
/// The store's facets and default sort come from `MerchandisingCache`, for the category's page when the search
/// is filtered to exactly one category. Synonyms, ranking and pinned products are Clerk's: the merchant sets them
/// in my.clerk.io.
///
/// When Clerk is slower than the budget (default 1 s) or failing, `search` throws `SearchUnavailable`: there is
/// no local fallback, since the mirror has no text index and a name scan of every product would be slow and
/// rank badly. `predictive` does the same when the products cannot be had, and answers without categories or
/// suggestions when only those fail.
public final class SearchService: Sendable {
    /// The most products, categories and suggestions Clerk gives for search-as-you-type (clerk-api.md §6.1).
    public static let clerkPredictiveMax = 10

    private let clerk: ClerkClient
    private let mirror: any CatalogMirror
    private let resolver: CardResolver
    private let merchandising: MerchandisingCache
    private let filterAttributes: CatalogFilterAttributes?
    private let budget: Duration
    private let searchLabels: [String]
    private let predictiveLabels: [String]

    /// Creates a service; `budget` is how long each Clerk call may take, the labels are sent to Clerk for its
    /// search analytics; `resolver` builds the cards (one shared by the shopper routes keeps one set of cards);
    /// with `filterAttributes`, an option or custom-field filter the catalog does not have is refused.
    public init(
        clerk: ClerkClient, mirror: any CatalogMirror, merchandising: MerchandisingCache,
        budget: Duration = .seconds(1), searchLabels: [String] = ["Search"],
        predictiveLabels: [String] = ["Instant Search"], resolver: CardResolver? = nil,
        filterAttributes: CatalogFilterAttributes? = nil
    ) {
        self.filterAttributes = filterAttributes
        self.clerk = clerk
        self.mirror = mirror
        self.resolver = resolver ?? CardResolver(mirror: mirror)
        self.merchandising = merchandising
        self.budget = budget
        self.searchLabels = searchLabels
        self.predictiveLabels = predictiveLabels
    }

    /// One page of products matching `request` on `storefront`, with the store's facets.
    /// - Throws: `ShopperFilterError` or `SearchSortError` for the caller's mistakes (both name the parameter),
    ///   `SearchUnavailable` when Clerk does not answer, or the mirror's error.
    public func search(_ request: SearchRequest, storefront: ResolvedStorefront) async throws -> SearchResults {
        let known = await filterAttributes?.attributes(storefront: storefront.name)
        let filter = try ShopperFilters.filter(from: request.filters, catalogAttributes: known)
        if let sort = request.sort, !sort.isEmpty {
            _ = try SearchSort(name: sort)
        }
        let limit = min(max(request.limit, 1), SearchRequest.maxLimit)
        let page = min(max(request.page, 1), SearchRequest.maxPage)
        let merchandising = await merchandising.merchandising(channelID: storefront.channelID, categoryID: request.singleCategory)
        let sort = try SearchSort.resolve(sort: request.sort, query: request.query, storeDefault: merchandising.defaultSort)
        let order = sort.clerkOrder
        let result: ClerkSearchResult
        do {
            result = try await clerk.search(
                query: request.query ?? "", limit: limit, offset: (page - 1) * limit, visitor: request.visitor,
                labels: searchLabels, filter: filter?.rendered, facets: merchandising.facets.map(\.attribute.name),
                orderBy: order?.orderby, order: order.map { $0.direction == .asc ? .ascending : .descending },
                timeout: budget, keys: storefront.clerkKeys)
        } catch {
            throw SearchUnavailable(endpoint: "search/search")
        }
        let resolved = try await resolver.cards(for: result.ids, storefront: storefront.name, currency: storefront.currency)
        return SearchResults(
            query: request.query, total: result.hits, page: page, limit: limit, sort: sort.rawValue,
            currency: storefront.currency.code, items: resolved.cards,
            facets: try await facets(merchandising.facets, answered: result.facets, storefront: storefront),
            unshown: resolved.dropped)
    }

    /// Search-as-you-type for `query` on `storefront`: at most `limit` products (and at most `clerkPredictiveMax`, Clerk's
    /// ceiling), categories and suggestions.
    /// - Throws: `SearchUnavailable` when Clerk does not give the products, or the mirror's error.
    public func predictive(query: String, limit: Int, visitor: String?, storefront: ResolvedStorefront) async throws -> PredictiveResults {
        let wanted = min(max(limit, 1), Self.clerkPredictiveMax)
        let (clerk, keys, budget, labels) = (self.clerk, storefront.clerkKeys, self.budget, predictiveLabels)
        async let productIDs = Self.attempt {
            try await clerk.predictive(
                query: query, limit: Self.clerkPredictiveMax, visitor: visitor, labels: labels, timeout: budget, keys: keys)
        }
        async let categoryHits = Self.attempt {
            try await clerk.categories(query: query, limit: wanted, visitor: visitor, timeout: budget, keys: keys)
        }
        async let suggested = Self.attempt {
            try await clerk.suggestions(query: query, limit: wanted, visitor: visitor, timeout: budget, keys: keys)
        }
        guard let ids = await productIDs else {
            throw SearchUnavailable(endpoint: "search/predictive")
        }
        let cards = try await resolver.cards(for: ids, storefront: storefront.name, currency: storefront.currency).cards
        let hits = await categoryHits ?? []
        let suggestions = await suggested ?? []
        return PredictiveResults(
            query: query, items: Array(cards.prefix(wanted)),
            categories: try await categories(Array(hits.prefix(wanted)), storefront: storefront),
            suggestions: Array(suggestions.prefix(wanted)))
    }

    /// What `body` gives, nil when it fails.
    private static func attempt<Value: Sendable>(_ body: () async throws -> Value) async -> Value? {
        try? await body()
    }

    /// Clerk's categories with the mirror's name and URL where it has the category (the storefront's current
    /// data), Clerk's otherwise.
    private func categories(_ hits: [ClerkCategoryHit], storefront: ResolvedStorefront) async throws -> [PredictiveResults.Category] {
        let known = try await categoryFields(ids: hits.map(\.id), storefront: storefront)
        return hits.map { hit in
            PredictiveResults.Category(
                id: hit.id, name: known[hit.id]?.name ?? hit.name, url: known[hit.id]?.url ?? hit.url)
        }
    }

    /// The store's facets in its order with its names, holding the buckets Clerk counted: unit values labelled
    /// (categories by the mirror's category names, else Clerk's; in stock only as `true`, "In stock"), ranges
    /// as `{min, max, count}`. A bucket of the other kind than the facet's is left out.
    private func facets(
        _ wanted: [SearchFacet], answered: [String: [ClerkFacetBucket]], storefront: ResolvedStorefront
    ) async throws -> [SearchResults.Facet] {
        var categoryNames: [Int: String] = [:]
        if wanted.contains(where: { $0.attribute.name == "categories" }) {
            let ids = (answered["categories"] ?? []).compactMap { bucket -> Int? in
                if case .unit(_, let value, _) = bucket { Int(value) } else { nil }
            }
            categoryNames = try await categoryFields(ids: ids, storefront: storefront).compactMapValues { $0.name }
        }
        return wanted.map { facet in
            let attribute = facet.attribute.name
            if attribute == "rating" {
                let values = Self.starBuckets(answered[attribute] ?? [])
                return SearchResults.Facet(attribute: attribute, name: facet.name, type: facet.kind.rawValue, values: values)
            }
            let values = (answered[attribute] ?? []).compactMap { bucket -> SearchResults.Facet.Value? in
                switch (facet.kind, bucket) {
                case let (.unit, .unit(name, value, count)):
                    switch attribute {
                    case "categories":
                        return .unit(value: value, label: Int(value).flatMap { categoryNames[$0] } ?? name, count: count)
                    case "in_stock":
                        return value == "true" ? .unit(value: value, label: "In stock", count: count) : nil
                    default:
                        return .unit(value: value, label: name, count: count)
                    }
                case let (.range, .range(_, min, max, count)):
                    return .range(min: min, max: max, count: count)
                default:
                    return nil
                }
            }
            return SearchResults.Facet(attribute: attribute, name: facet.name, type: facet.kind.rawValue, values: values)
        }
    }

    /// Ratings as BigCommerce's rating filter offers them: "N stars & up" for N = 4…1, each `{min: N, max: 5}`
    /// counting the products rated at least N (what `rating_min=N` then finds), from Clerk's counts per rating
    /// value or its ranges; empty buckets are left out.
    static func starBuckets(_ buckets: [ClerkFacetBucket]) -> [SearchResults.Facet.Value] {
        var counted: [(rating: Decimal, count: Int)] = []
        for bucket in buckets {
            switch bucket {
            case .unit(_, let value, let count):
                if let rating = Decimal(string: value) { counted.append((rating, count)) }
            case .range(_, let min, _, let count):
                counted.append((min, count))
            }
        }
        return (1...4).reversed().compactMap { stars in
            let count = counted.filter { $0.rating >= Decimal(stars) }.reduce(0) { $0 + $1.count }
            return count > 0 ? .range(min: Decimal(stars), max: 5, count: count) : nil
        }
    }

    /// The `name` and `url` of the mirrored categories among `ids`.
    private func categoryFields(ids: [Int], storefront: ResolvedStorefront) async throws -> [Int: (name: String?, url: String?)] {
        guard !ids.isEmpty else {
            return [:]
        }
        let documents = try await mirror.mirrored(storefront: storefront.name, entity: .category, ids: ids)
        return documents.mapValues { document in
            let fields = try? JSONDecoder().decode(MirroredCategory.self, from: Data(document.json))
            return (fields?.name, fields?.url)
        }
    }
}

/// The fields of a mirrored Clerk category document search shows (mapping.md §3).
private struct MirroredCategory: Decodable {
    var name: String?
    var url: String?
}
