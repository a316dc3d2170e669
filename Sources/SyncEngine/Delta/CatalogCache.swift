import CatalogMapping
import Foundation

/// The store-wide catalog data (currencies, brands, categories, price lists) the delta worker maps
/// with, read once and kept until a refresh or until it is older than `maxAge`.
actor CatalogCache {
    private let reader: CatalogReader
    private let maxAge: Duration
    private var catalog: StoreCatalog?
    private var loadedAt: ContinuousClock.Instant?
    private var indexes: [String: CategoryIndex] = [:]

    init(reader: CatalogReader, maxAge: Duration) {
        self.reader = reader
        self.maxAge = maxAge
    }

    /// The cached catalog, read from BigCommerce when there is none or it is too old.
    func current() async throws -> StoreCatalog {
        if let catalog, let loadedAt, ContinuousClock.now - loadedAt < maxAge { return catalog }
        return try await reload()
    }

    /// Reads the catalog again and caches it.
    @discardableResult
    func reload() async throws -> StoreCatalog {
        let fresh = try await reader.storeCatalog()
        catalog = fresh
        loadedAt = .now
        indexes = [:]
        return fresh
    }

    /// The synced categories of `storefront` in the cached catalog (built once per load).
    func categoryIndex(for storefront: Storefront) async throws -> CategoryIndex {
        let catalog = try await current()
        if let index = indexes[storefront.name] { return index }
        let index = catalog.categoryIndex(for: storefront)
        indexes[storefront.name] = index
        return index
    }
}
