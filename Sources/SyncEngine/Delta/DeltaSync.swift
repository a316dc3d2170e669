import BigCommerceAPI
import CatalogMapping
import ClerkAPI
import Foundation
import Logging
import Reliability
import StorefrontRegistry
import SyncStore

/// The durable state the delta worker reads and writes.
public typealias DeltaStorage = SyncStorage & JobQueue & SyncMarkers & WebhookInbox

/// Applies catalog changes to every storefront's Clerk store one entity at a time, from the current state
/// in BigCommerce (never from a webhook's content, so stale or reordered deliveries cannot regress Clerk).
/// The ledger and mirror follow every write, as in a reindex.
public final class DeltaSync: Sendable {
    /// What one product batch came to, summed over storefronts.
    public struct ProductsReport: Sendable, Equatable {
        /// Documents Clerk accepted because their content changed.
        public var pushed = 0
        /// Documents removed (product deleted or unassigned from the storefront's channel).
        public var removed = 0
        /// Documents that were already current in Clerk.
        public var unchanged = 0
        /// Writes Clerk refused (dead-lettered with their payload).
        public var refused = 0
        /// Products BigCommerce returned unreadable (dead-lettered).
        public var unreadable = 0

        /// An empty report.
        public init() {}
    }

    /// What a catalog refresh found and did.
    public struct RefreshReport: Sendable, Equatable {
        /// Category documents pushed or removed, over storefronts.
        public var categoriesChanged = 0
        /// Products whose documents the change may alter (to re-sync).
        public var productIDs: [Int] = []
        /// Storefronts to reindex in full (pricing inputs changed, a hidden category became visible).
        public var reindex: [String] = []

        /// An empty report.
        public init() {}
    }

    /// How long after a delta that raced a running reindex the product is read again.
    static let recheckDelay: Duration = .seconds(60)

    let reader: CatalogReader
    let publisher: ClerkPublisher
    let publication: ProductPublication
    let store: any DeltaStorage
    let targets: [ResolvedStorefront]
    let catalog: CatalogCache
    let removalGuard: RemovalGuard
    let logger: Logger

    /// How long removals add up before the guard counts afresh: a burst of removals is judged as one.
    static let removalWindow: Duration = .seconds(3_600)

    /// Creates a delta sync for `targets`; store-wide data is re-read at the latest after `catalogMaxAge`; a burst
    /// of removals larger than `removalGuard` allows is refused.
    public init(
        reader: CatalogReader, writer: ClerkWriter, store: any DeltaStorage, targets: [ResolvedStorefront],
        catalogMaxAge: Duration = .seconds(600), removalGuard: RemovalGuard = RemovalGuard(), logger: Logger
    ) {
        self.removalGuard = removalGuard
        self.reader = reader
        let publisher = ClerkPublisher(writer: writer, store: store, logger: logger)
        self.publisher = publisher
        self.publication = ProductPublication(publisher: publisher, store: store)
        self.store = store
        self.targets = targets
        self.catalog = CatalogCache(reader: reader, markers: store, maxAge: catalogMaxAge)
        self.logger = logger
    }

    // MARK: Products

    /// Brings the products `ids` up to date in every storefront: upserts changed documents, removes those
    /// deleted in BigCommerce or no longer listed in a storefront's channel.
    /// - Throws: BigCommerce read failures, ``ClerkWriterError`` (Clerk down or keys refused) and, once every
    ///   storefront's changes are written, ``MassRemovalRefused`` when a burst of removals is too large; a refused
    ///   document is dead-lettered instead.
    ///
    /// With `locale`, only the storefronts showing that channel locale are brought up to date (a
    /// `store/product/updated` delivery whose `context` names a locale edit changes only their texts).
    public func syncProducts(ids: [Int], only locale: TranslationLocale? = nil) async throws -> ProductsReport {
        var report = ProductsReport()
        guard !ids.isEmpty else { return report }
        let targets = locale.map { locale in self.targets.filter { locale.matches(channelID: $0.channelID, locale: $0.locale) } }
            ?? self.targets
        guard !targets.isEmpty else { return report }
        let catalog = try await self.catalog.current()
        let priceKeys = Set(targets.compactMap { catalog.priceKey(for: $0.storefront) })
        let loaded = try await reader.loadProducts(
            ids: ids, priceKeys: priceKeys, locales: Set(targets.compactMap(\.language.translationLocale)))
        try await publication.recordUnreadable(loaded.page.malformed)
        report.unreadable = loaded.page.malformed.count
        let unreadable = loaded.page.malformed.compactMap(\.id)
        let gone = Set(ids).subtracting(loaded.products.map(\.id)).subtracting(unreadable).sorted()
        var refusal: MassRemovalRefused?
        for target in targets {
            let context = try catalog.context(
                for: target.storefront, categories: try await self.catalog.categoryIndex(for: target.storefront),
                priceRecords: catalog.priceKey(for: target.storefront).flatMap { loaded.prices[$0] } ?? [:],
                translations: target.language.translationLocale.flatMap { loaded.translations[$0] } ?? [:])
            // A reindex running meanwhile must not delete what a delta just pushed or kept: the delta is seen by it.
            let checkpoint = try await store.checkpoint(storefront: target.name)
            let name = target.name
            let outcome: ProductPublication.Outcome
            do {
                outcome = try await publication.publish(
                    loaded.products, gone: gone, unreadable: unreadable, to: target, context: context, seenBy: checkpoint?.run,
                    removals: .now(approve: { count in try await self.approveRemovals(count, storefront: name) }))
            } catch let refused as MassRemovalRefused {
                refusal = refusal ?? refused
                continue
            }
            report.pushed += outcome.pushed
            report.unchanged += outcome.unchanged
            report.removed += outcome.removed
            report.refused += outcome.refused
            // A page the reindex read before this delta but has not committed yet would write the older state
            // back, so the products its crawl has not passed are read once more a little later.
            if let checkpoint {
                let ahead = (loaded.products.map(\.id) + gone).filter { !checkpoint.hasPassed($0) }
                if !ahead.isEmpty {
                    let later = Date().addingTimeInterval(Self.recheckDelay.timeInterval)
                    try await store.enqueue(
                        ahead.map { (BackgroundJob.product($0).key, Array("after a concurrent reindex page".utf8)) },
                        runAt: later, now: Date())
                }
            }
        }
        if let refusal { throw refusal }
        return report
    }

    /// Lets deltas remove `count` more product documents of `storefront` unless, with those removed in the last
    /// ``removalWindow``, that is more than the removal guard allows (a burst such as a bulk unassignment).
    func approveRemovals(_ count: Int, storefront: String) async throws {
        struct Window: Codable {
            var since: Date
            var count: Int
        }
        let name = "removals." + storefront
        let now = Date()
        var window = (try await store.marker(name)).flatMap { try? JSONDecoder().decode(Window.self, from: Data($0.value)) }
        if let current = window, now.timeIntervalSince(current.since) > Self.removalWindow.timeInterval { window = nil }
        let earlier = window?.count ?? 0
        let held = try await store.heldIDs(storefront: storefront, entity: .product).count
        try removalGuard.check(removing: earlier + count, of: held + earlier, storefront: storefront)
        let updated = Window(since: window?.since ?? now, count: earlier + count)
        try await store.setMarker(name, value: Array(try JSONEncoder().encode(updated)), at: now)
    }

    /// The product ids of the variants that price-list records name (variants that no longer exist are skipped).
    public func productIDs(ofVariants variantIDs: [Int]) async throws -> [Int] {
        guard !variantIDs.isEmpty else { return [] }
        return Array(Set(try await reader.productIDs(ofVariants: variantIDs).values)).sorted()
    }

    /// Whether `priceListID` prices any storefront (records of other lists change nothing in Clerk).
    public func pricesAStorefront(priceListID: Int) async throws -> Bool {
        let catalog = try await self.catalog.current()
        return targets.contains { catalog.priceKey(for: $0.storefront)?.priceListID == priceListID }
    }
}
