import Foundation
import Synchronization
import SyncStore

/// A storefront's best sellers from the catalog mirror (overall or in a category), kept for a while because they
/// back every fallback and fill-up; a category without any falls back to the storefront's.
final class BestSellers: Sendable {
    private let mirror: any CatalogMirror
    private let ttl: TimeInterval
    private let cache = Mutex<[String: (at: Date, ids: [Int])]>([:])

    init(mirror: any CatalogMirror, ttl: TimeInterval) {
        self.mirror = mirror
        self.ttl = ttl
    }

    /// Up to `count` product ids, best selling first.
    func products(storefront: String, category: Int?, count: Int) async throws -> [Int] {
        let key = "\(storefront)/\(category.map(String.init) ?? "*")/\(count)"
        let now = Date()
        if let cached = cache.withLock({ $0[key] }), now.timeIntervalSince(cached.at) < ttl {
            return cached.ids
        }
        var ids = try await mirror.bestSellingProducts(storefront: storefront, inCategory: category, limit: count)
        if ids.isEmpty, category != nil {
            ids = try await mirror.bestSellingProducts(storefront: storefront, inCategory: nil, limit: count)
        }
        cache.withLock { cache in
            if cache.count > 10_000 { cache.removeAll() }
            cache[key] = (now, ids)
        }
        return ids
    }
}
