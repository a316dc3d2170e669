import BigCommerceAPI
import CatalogMapping
import Foundation
import Reliability
import StorefrontRegistry
import SyncStore

extension DeltaSync {
    /// Marker names for what the last refresh saw; they survive restarts, so a change made while no
    /// worker ran is still noticed.
    enum MarkerName {
        static let pricing = "catalog.pricing"
        static let brands = "catalog.brands"
        static let categoryIDs = "catalog.category_ids"
        static let sweptTo = "reconcile.swept_to"
    }

    /// Above this many products touched by a category or brand change, a storefront reindex is cheaper
    /// (250 products per request instead of 50).
    static let reindexThreshold = 5_000

    /// Re-reads the store-wide data and applies what changed: category documents are pushed or removed;
    /// products in renamed or moved categories (or their subcategories) and of renamed or deleted brands
    /// are queued for re-sync; changed currencies, price lists or assignments, and hidden categories that
    /// became visible, queue a storefront reindex.
    ///
    /// The follow-up jobs are queued before anything is written and the markers set last, so a failure
    /// midway (Clerk down for one storefront) retries the refresh without losing the work it found.
    public func refreshCatalog() async throws -> RefreshReport {
        let catalog = try await self.catalog.reload()
        var report = RefreshReport()

        let pricing = Self.pricingFingerprint(catalog)
        if let previous = try await store.marker(MarkerName.pricing)?.text, previous != pricing {
            report.reindex = targets.map(\.name)
        }
        let brands = Dictionary(uniqueKeysWithValues: catalog.brands.map { (String($0.key), $0.value) })
        let previousBrands = try await decodedMarker([String: String].self, MarkerName.brands)
        let changedBrands = Set((previousBrands ?? [:]).compactMap { id, name in brands[id] == name ? nil : name })
        let categoryIDs = Set(catalog.categories.map(\.id))
        let previousCategoryIDs = try await decodedMarker(Set<Int>.self, MarkerName.categoryIDs)

        var writes: [(target: ResolvedStorefront, changed: [EncodedDocument], stale: [Int])] = []
        var productIDs = Set<Int>()
        for target in targets where !report.reindex.contains(target.name) {
            let name = target.name
            let documents = try await self.catalog.categoryIndex(for: target.storefront)
                .documents(storefront: target.storefront).map { $0.encoded() }
            let held = try await store.heldIDs(storefront: name, entity: .category)
            let hashes = try await store.pushedHashes(storefront: name, entity: .category, ids: held)
            let changed = documents.filter { hashes[$0.id] != $0.contentHash }
            let synced = Set(documents.map(\.id))
            let stale = held.filter { !synced.contains($0) }
            writes.append((target, changed, stale))

            let added = changed.map(\.id).filter { hashes[$0] == nil }
            if let previousCategoryIDs, added.contains(where: previousCategoryIDs.contains) {
                report.reindex.append(name)
                continue
            }
            let altered = Self.withDescendants(changed.map(\.id).filter { hashes[$0] != nil }, in: catalog.categories)
            var touched = Set(try await store.mirroredProducts(storefront: name, inCategories: altered.union(stale)))
            touched.formUnion(try await store.mirroredProducts(storefront: name, withBrands: changedBrands))
            if touched.count > Self.reindexThreshold {
                report.reindex.append(name)
            } else {
                productIDs.formUnion(touched)
            }
        }
        report.productIDs = productIDs.sorted()
        try await queueFollowUps(report)

        for (target, changed, stale) in writes where !report.reindex.contains(target.name) {
            let written = try await publisher.write(changed, entity: .category, storefront: target.name, keys: target.clerkKeys)
            let removed = try await publisher.remove(stale, entity: .category, storefront: target.name, keys: target.clerkKeys)
            report.categoriesChanged += written.accepted.count + removed.accepted.count
        }

        let now = Date()
        try await store.setMarker(MarkerName.pricing, value: Array(pricing.utf8), at: now)
        try await store.setMarker(MarkerName.brands, value: Array(try JSONEncoder().encode(brands)), at: now)
        try await store.setMarker(MarkerName.categoryIDs, value: Array(try JSONEncoder().encode(categoryIDs.sorted())), at: now)
        logger.info("Catalog refreshed", metadata: [
            "categories_changed": "\(report.categoriesChanged)", "products_to_sync": "\(report.productIDs.count)",
            "reindex": "\(report.reindex.joined(separator: ","))",
        ])
        return report
    }

    /// Queues what a refresh found: a product job per touched product, a reindex per storefront (one
    /// store-wide job when all need it). The reindex syncs those storefronts' categories itself.
    func queueFollowUps(_ report: RefreshReport) async throws {
        let now = Date()
        let note = Array("catalog.refresh".utf8)
        var jobs = report.productIDs.map { (BackgroundJob.product($0).key, note) }
        if !report.reindex.isEmpty, Set(report.reindex) == Set(targets.map(\.name)) {
            jobs.append((BackgroundJob.reindex(.all).key, note))
        } else {
            jobs += report.reindex.map { (BackgroundJob.reindex(.storefront($0)).key, note) }
        }
        try await store.enqueue(jobs, runAt: now, now: now)
    }

    /// The products modified since the last sweep (minus `overlap`, so changes stamped just before the
    /// previous sweep's end are not missed; a first sweep looks back `firstLookBack`). The sweep position
    /// advances to `now` only when the caller has queued the result, via ``markSwept(to:)``.
    public func modifiedProductIDs(now: Date, overlap: Duration, firstLookBack: Duration) async throws -> [Int] {
        let since: Date
        if let marker = try await store.marker(MarkerName.sweptTo), let seconds = Double(marker.text) {
            since = Date(timeIntervalSince1970: seconds).addingTimeInterval(-overlap.timeInterval)
        } else {
            since = now.addingTimeInterval(-firstLookBack.timeInterval)
        }
        return Array(Set(try await reader.modifiedProducts(since: since).map(\.id))).sorted()
    }

    /// Records that products modified before `now` are queued.
    public func markSwept(to now: Date) async throws {
        try await store.setMarker(MarkerName.sweptTo, value: Array(String(now.timeIntervalSince1970).utf8), at: now)
    }

    private func decodedMarker<T: Decodable>(_ type: T.Type, _ name: String) async throws -> T? {
        guard let marker = try await store.marker(name) else { return nil }
        return try? JSONDecoder().decode(T.self, from: Data(marker.value))
    }

    /// The pricing inputs of every document: currencies, price lists and their assignments, trees per channel.
    static func pricingFingerprint(_ catalog: StoreCatalog) -> String {
        let currencies = catalog.currencies.values.sorted { $0.code < $1.code }
            .map { "\($0.code):\($0.exchangeRate):\($0.decimalPlaces):\($0.isDefault)" }
        let lists = catalog.priceLists.sorted { $0.id < $1.id }.map { "\($0.id):\($0.active)" }
        let assignments = catalog.priceListAssignments.sorted { $0.id < $1.id }
            .map { "\($0.id):\($0.priceListID):\($0.customerGroupID ?? -1):\($0.channelID ?? -1)" }
        let trees = catalog.treeByChannel.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }
        return [
            "store=\(catalog.storeCurrency.code)", "currencies=\(currencies.joined(separator: ","))",
            "lists=\(lists.joined(separator: ","))", "assignments=\(assignments.joined(separator: ","))",
            "trees=\(trees.joined(separator: ","))",
        ].joined(separator: ";")
    }

    /// `ids` and every category below them.
    static func withDescendants(_ ids: [Int], in categories: [SourceCategory]) -> Set<Int> {
        let children = Dictionary(grouping: categories, by: \.parentID).mapValues { $0.map(\.id) }
        var result = Set<Int>()
        var pending = ids
        while let id = pending.popLast() {
            guard result.insert(id).inserted else { continue }
            pending += children[id] ?? []
        }
        return result
    }
}
