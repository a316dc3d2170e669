import CatalogMapping
import ClerkAPI
import Foundation
import Synchronization
import SyncStore

/// Serves a placement: asks Clerk with the page's context within a latency budget, resolves the ids to cards from
/// the catalog mirror in Clerk's order, drops what cannot be shown and fills up from the storefront's best sellers;
/// when Clerk is slower than the budget or failing, answers from the best sellers alone and says so.
public final class RecommendationService: Sendable {
    private let clerk: ClerkClient
    private let mirror: any CatalogMirror
    private let resolver: CardResolver
    private let budget: Duration
    private let bestSellerTTL: TimeInterval
    private let bestSellers = Mutex<[String: (at: Date, ids: [Int])]>([:])

    /// Creates a service; `budget` is how long Clerk may take before the fallback answers (default 300 ms).
    public init(
        clerk: ClerkClient, mirror: any CatalogMirror, budget: Duration = .milliseconds(300),
        bestSellerTTL: TimeInterval = 300
    ) {
        self.clerk = clerk
        self.mirror = mirror
        self.resolver = CardResolver(mirror: mirror)
        self.budget = budget
        self.bestSellerTTL = bestSellerTTL
    }

    /// The products of `placement` for `context` on `shop`, at most `limit` (the placement's when nil).
    public func recommend(
        _ placement: Placement, context: PlacementContext, shop: Shop, limit: Int? = nil
    ) async throws -> Recommendations {
        let plan = try PlacementPlan(placement: placement, context: context)
        let wanted = min(max(limit ?? placement.limit, 1), Placement.maxLimit)
        var source = Recommendations.Source.clerk
        var ids: [Int] = []
        do {
            ids = try await clerk.recommendations(
                plan.recommendation, limit: min(wanted * 2, 100), visitor: context.visitor, labels: placement.labels,
                filter: placement.filter, exclude: plan.exclude, timeout: budget, keys: shop.keys)
        } catch {
            source = .fallback
        }
        let excluded = Set(plan.exclude)
        var cards = try await resolver.cards(
            for: ids.filter { !excluded.contains($0) }, storefront: shop.name, currency: shop.currency,
            inStockOnly: placement.inStockOnly
        ).cards
        cards = Array(cards.prefix(wanted))
        if cards.count < wanted {
            let have = Set(cards.map(\.id)).union(excluded)
            let fill = try await bestSelling(shop: shop.name, category: plan.fallbackCategory, count: wanted * 3)
                .filter { !have.contains($0) }
            let more = try await resolver.cards(
                for: fill, storefront: shop.name, currency: shop.currency, inStockOnly: placement.inStockOnly)
            cards += more.cards.prefix(wanted - cards.count)
        }
        return Recommendations(
            storefront: shop.name, placement: placement.name, labels: placement.labels, source: source,
            currency: shop.currency.code,
            items: cards.enumerated().map { Recommendations.Item(card: $0.element, position: $0.offset) },
            api: source == .clerk ? plan.recommendation.endpoint : nil)
    }

    /// Best sellers from the mirror, cached per storefront and category for `bestSellerTTL`.
    private func bestSelling(shop: String, category: Int?, count: Int) async throws -> [Int] {
        let key = "\(shop)/\(category.map(String.init) ?? "*")/\(count)"
        let now = Date()
        if let cached = bestSellers.withLock({ $0[key] }), now.timeIntervalSince(cached.at) < bestSellerTTL {
            return cached.ids
        }
        var ids = try await mirror.bestSellingProducts(storefront: shop, inCategory: category, limit: count)
        if ids.isEmpty, category != nil {
            ids = try await mirror.bestSellingProducts(storefront: shop, inCategory: nil, limit: count)
        }
        bestSellers.withLock { cache in
            if cache.count > 10_000 { cache.removeAll() }
            cache[key] = (now, ids)
        }
        return ids
    }
}
