import CatalogMapping
import Foundation
import SyncStore

/// The store-wide catalog data (currencies, brands, categories, price lists) the delta worker maps
/// with, read once and kept until a refresh (in this process or another: a refresh bumps a generation
/// marker every worker checks) or until it is older than `maxAge`.
actor CatalogCache {
    static let generationMarker = "catalog.generation"

    private let reader: CatalogReader
    private let markers: any SyncMarkers
    private let maxAge: Duration
    private var catalog: StoreCatalog?
    private var loadedAt: ContinuousClock.Instant?
    private var generation: String?
    private var indexes: [String: CategoryIndex] = [:]

    init(reader: CatalogReader, markers: any SyncMarkers, maxAge: Duration) {
        self.reader = reader
        self.markers = markers
        self.maxAge = maxAge
    }

    /// The cached catalog, read again when there is none, it is too old, or a refresh happened since.
    func current() async throws -> StoreCatalog {
        let latest = try await markers.marker(Self.generationMarker)?.text
        if let catalog, let loadedAt, ContinuousClock.now - loadedAt < maxAge, latest == generation { return catalog }
        let fresh = try await reader.storeCatalog()
        store(fresh, generation: latest)
        return fresh
    }

    /// Reads the catalog again, caches it and tells other workers to do the same.
    @discardableResult
    func reload() async throws -> StoreCatalog {
        let fresh = try await reader.storeCatalog()
        let next = UUID().uuidString
        try await markers.setMarker(Self.generationMarker, value: Array(next.utf8), at: Date())
        store(fresh, generation: next)
        return fresh
    }

    private func store(_ fresh: StoreCatalog, generation: String?) {
        catalog = fresh
        loadedAt = .now
        self.generation = generation
        indexes = [:]
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
