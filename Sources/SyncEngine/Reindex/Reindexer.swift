import BigCommerceAPI
import CatalogMapping
import ClerkAPI
import Foundation
import Logging
import Reliability
import StorefrontRegistry
import SyncStore

/// The durable state a reindex reads and writes.
public typealias SyncStorage = CatalogPageCommitter & CrawlCheckpoints & DeadLetterQueue & SyncMarkers

/// Full reindex: crawls the catalog once, maps every product for every storefront, pushes only the
/// documents whose content hash differs from the ledger, and removes from Clerk what the ledger holds
/// and a completed crawl did not see.
///
/// The crawl splits the product id space into ranges read side by side (``RangeCrawl``), so it spends the store's
/// quota instead of waiting on BigCommerce's response time page after page. Each page is checkpointed in its range,
/// so an interrupted run resumes every range where it stopped. A page that still fails after retries stops its
/// range, and Clerk staying unavailable stops the crawl: nothing is deleted in that run, and the next run resumes.
public final class Reindexer: Sendable {
    /// How a reindex treats what Clerk already has and what it would remove.
    public struct Options: Sendable, Hashable {
        /// Sends every document again whatever the ledger says (repairs a Clerk store changed behind clerkbridge's
        /// back).
        public var full: Bool
        /// Refuses to remove too large a share of a storefront's documents.
        public var removalGuard: RemovalGuard
        /// The most product pages read at once (`bigcommerce.crawl_concurrency`); fewer while the quota or
        /// BigCommerce's response times do not need that many.
        public var crawlConcurrency: Int

        /// The default of `bigcommerce.crawl_concurrency`.
        public static let defaultCrawlConcurrency = 8

        /// Creates options; the defaults send only what changed, guard removals at 20 % and read up to 8 pages at once.
        public init(full: Bool = false, removalGuard: RemovalGuard = RemovalGuard(), crawlConcurrency: Int = Options.defaultCrawlConcurrency) {
            self.full = full
            self.removalGuard = removalGuard
            self.crawlConcurrency = max(1, crawlConcurrency)
        }
    }

    private let options: Options
    private let reader: CatalogReader
    private let writer: ClerkWriter
    private let store: any SyncStorage
    private let publisher: ClerkPublisher
    private let publication: ProductPublication
    private let logger: Logger

    /// Creates a reindexer.
    public init(reader: CatalogReader, writer: ClerkWriter, store: any SyncStorage, options: Options = Options(), logger: Logger) {
        self.options = options
        self.reader = reader
        self.writer = writer
        self.store = store
        let publisher = ClerkPublisher(writer: writer, store: store, logger: logger)
        self.publisher = publisher
        self.publication = ProductPublication(publisher: publisher, store: store)
        self.logger = logger
    }

    /// Reindexes `targets`, reporting progress after every page (once the page is checkpointed).
    /// - Throws: ``ReindexError`` when the run cannot start or a Clerk store refuses its keys;
    ///   failures of single documents or pages are in the report instead.
    public func run(
        _ targets: [ResolvedStorefront], progress: @escaping @Sendable (ReindexProgress) -> Void = { _ in }
    ) async throws -> ReindexReport {
        try await run(storefronts: targets.map(\.storefront.name), resolving: { targets }, progress: progress)
    }

    /// Reindexes the storefronts named `names` as `resolve` resolves them, reporting progress after every page.
    ///
    /// Resolving waits on BigCommerce's response times too, so nothing waits for it that does not need it: the
    /// store-wide data is read and the crawl starts beside it (unless a run resumes, the id bounds are read first),
    /// and a page's prices and translations wait for the storefronts only once the page is read. When resolving fails,
    /// the run ends at once with its error, whatever the reads beside it are still waiting for.
    /// - Throws: what `resolve` throws, unchanged (it must resolve exactly the storefronts `names` names);
    ///   ``ReindexError`` when the run cannot start or a Clerk store refuses its keys; failures of single documents
    ///   or pages are in the report instead.
    public func run(
        storefronts names: [String], resolving resolve: @escaping @Sendable () async throws -> [ResolvedStorefront],
        progress: @escaping @Sendable (ReindexProgress) -> Void = { _ in }
    ) async throws -> ReindexReport {
        guard !names.isEmpty else {
            // Nothing to crawl for: resolving still says what is wrong (a storefront name no one declared).
            let resolved = try await resolve()
            precondition(resolved.isEmpty, "the storefronts resolved for a reindex are the ones it names")
            return ReindexReport(storefronts: [])
        }
        let started = ContinuousClock.now
        let reader = self.reader
        var checkpoints: [CrawlCheckpoint?] = []
        for name in names {
            checkpoints.append(try await store.checkpoint(storefront: name))
        }
        let isNewRun = checkpoints.allSatisfy { $0 == nil }
        let boundsRead: Task<ProductIDBounds, any Error>? = isNewRun ? Task { try await reader.productIDBounds() } : nil
        defer { boundsRead?.cancel() }
        let resolution = Task {
            do {
                return try await resolve()
            } catch {
                // Resolving's error is what the run reports: the bounds are not waited for (they may be retrying an
                // API that cannot be reached, which resolving has already given up on).
                boundsRead?.cancel()
                throw error
            }
        }
        defer { resolution.cancel() }
        let pricingRead = Task { try await reader.storePricing() }
        defer { pricingRead.cancel() }
        let catalogRead = Task {
            var catalog = try await reader.storeCatalogWithoutPricing()
            catalog.pricing = try await pricingRead.value
            return catalog
        }
        defer { catalogRead.cancel() }
        // A run that resumes keeps its ranges; a new one plans them from the catalog's id bounds.
        var (plan, progressByStorefront) = CrawlPlan.resume(checkpoints)
        var total: Int?
        var splitting: RangeSplitting?
        if let boundsRead {
            do {
                let bounds = try await withTaskCancellationHandler {
                    try await boundsRead.value
                } onCancel: {
                    boundsRead.cancel()
                }
                plan = CrawlPlan.ranges(bounds: bounds, pageSize: reader.productsPerPage, maximumInFlight: options.crawlConcurrency)
                progressByStorefront = checkpoints.map { _ in plan }
                total = bounds.total
                splitting = CrawlPlan.splitting(bounds: bounds, pageSize: reader.productsPerPage)
            } catch {
                try Task.checkCancellation()
                _ = try await resolution.value
                if let error = error as? BigCommerceError { throw ReindexError.bigCommerce(error) }
                throw error
            }
        }
        let priceKeysRead = Task {
            let targets = try await resolution.value
            let pricing = try await Self.settled(pricingRead) { try await reader.storePricing() }
            return Set(targets.compactMap { pricing.priceKey(for: $0.storefront) })
        }
        defer { priceKeysRead.cancel() }
        let localesRead = Task { Set(try await resolution.value.compactMap(\.language.translationLocale)) }
        defer { localesRead.cancel() }
        let requestsPerPage = Task {
            let lists = Set(((try? await priceKeysRead.value) ?? []).map(\.priceListID)).count
            return reader.requestsPerPage(priceLists: lists, translatedLocales: (try? await localesRead.value)?.count ?? 0)
        }
        // Each range is read from the least any storefront handled; a storefront skips what it already handled.
        let ranges = plan.indices.map { index in
            CrawlRange(first: plan[index].first, last: plan[index].last, after: progressByStorefront.map { $0[index].after }.min())
        }
        let maximum = options.crawlConcurrency
        let governor = reader.client.rateGovernor
        let crawl = RangeCrawl(
            reader: reader, ranges: ranges, splitting: splitting, priceKeys: { try await priceKeysRead.value },
            locales: { try await localesRead.value },
            target: {
                let outlook = await governor.outlook
                // What a page costs is asked only under a known quota: it waits for the storefronts.
                guard outlook.requestsPerSecond != nil else { return maximum }
                return CrawlConcurrency(maximum: maximum, requestsPerPage: await requestsPerPage.value).target(outlook)
            },
            maximum: maximum, buffered: 4 * maximum)
        do {
            let report = try await publish(
                crawl, ranges: ranges, names: names, targets: try await resolution.value, catalogRead: catalogRead,
                checkpoints: checkpoints, progressByStorefront: progressByStorefront, total: total, started: started,
                progress: progress)
            await crawl.stop()
            return report
        } catch {
            await crawl.stop()
            throw error
        }
    }

    /// Publishes the categories and the pages `crawl` reads for `targets` (the storefronts `names` named, whose
    /// checkpoints and progress in `ranges` are given in the order of `names`), then removes what a completed crawl
    /// did not see.
    private func publish(
        _ crawl: RangeCrawl, ranges: [CrawlRange], names: [String], targets: [ResolvedStorefront],
        catalogRead: Task<StoreCatalog, any Error>, checkpoints: [CrawlCheckpoint?], progressByStorefront: [[CrawlRange]],
        total: Int?, started: ContinuousClock.Instant, progress: @escaping @Sendable (ReindexProgress) -> Void
    ) async throws -> ReindexReport {
        let catalog: StoreCatalog
        do {
            catalog = try await Self.settled(catalogRead) { try await reader.storeCatalog() }
        } catch let error as BigCommerceError {
            throw ReindexError.bigCommerce(error)
        }
        var runs: [StorefrontRun] = []
        for target in targets {
            guard let position = names.firstIndex(of: target.storefront.name) else {
                preconditionFailure("the storefronts resolved for a reindex are the ones it names")
            }
            runs.append(try prepare(
                target, catalog: catalog, checkpoint: checkpoints[position], ranges: progressByStorefront[position]))
        }
        do {
            for index in runs.indices {
                try await syncCategories(&runs[index])
            }
            try await crawlProducts(&runs, crawl: crawl, ranges: ranges, total: total, started: started, progress: progress)
            for index in runs.indices where runs[index].crawlCompleted {
                try await removeUnseenProducts(&runs[index])
            }
        } catch ClerkWriterError.authentication(let error) {
            throw ReindexError.clerkKeysRefused(error.message)
        } catch ClerkWriterError.unavailable(let error) {
            for index in runs.indices {
                runs[index].crawlCompleted = false
                runs[index].report.failures.append(
                    "Clerk is unavailable (\(error.message)); nothing was deleted, the next run resumes here")
            }
        }
        let seconds = (ContinuousClock.now - started).timeInterval
        return ReindexReport(storefronts: runs.map {
            var report = $0.report
            report.seconds = seconds
            report.crawlCompleted = $0.crawlCompleted
            report.summarizeRefusals()
            return report
        })
    }

    /// What `early`, a read started at once, returned; read again once when it failed (the reads in between may have
    /// waited out an outage that the early read met).
    private static func settled<T: Sendable>(_ early: Task<T, any Error>, _ read: () async throws -> T) async throws -> T {
        if let value = try? await early.value { return value }
        try Task.checkCancellation()
        return try await read()
    }

    // MARK: Preparation

    private func prepare(
        _ target: ResolvedStorefront, catalog: StoreCatalog, checkpoint: CrawlCheckpoint?, ranges: [CrawlRange]
    ) throws -> StorefrontRun {
        let storefront = target.storefront
        let context = try catalog.context(for: storefront, categories: catalog.categoryIndex(for: storefront), priceRecords: [:])
        var run = StorefrontRun(
            target: target, context: context, priceKey: catalog.priceKey(for: storefront),
            run: checkpoint?.run ?? UUID().uuidString, ranges: ranges, startedAt: checkpoint?.startedAt ?? Date())
        if let checkpoint {
            run.report.resumed = true
            run.report.products = StorefrontReindexReport.Products(counters: checkpoint.counters)
            logger.info("Resuming an interrupted reindex", metadata: [
                "storefront": "\(storefront.name)", "ranges": "\(ranges.count)",
                "complete_ranges": "\(ranges.filter(\.isComplete).count)",
            ])
        }
        return run
    }

    // MARK: Categories

    private func syncCategories(_ run: inout StorefrontRun) async throws {
        let name = run.target.name
        let documents = run.context.categories.documents(storefront: run.target.storefront).map { $0.encoded() }
        run.report.categories.seen = documents.count
        let held = try await store.heldIDs(storefront: name, entity: .category)
        let pushed = try await store.pushedHashes(storefront: name, entity: .category, ids: held)
        let changed = options.full ? documents : documents.filter { pushed[$0.id] != $0.contentHash }
        let outcome = try await write(changed, entity: .category, storefront: name, keys: run.target.clerkKeys)
        run.report.categories.pushed = outcome.accepted.count
        run.report.categories.failed = outcome.rejected.count

        let synced = Set(documents.map(\.id))
        let stale = held.filter { !synced.contains($0) }
        let removed = try await remove(stale, entity: .category, storefront: name, keys: run.target.clerkKeys)
        run.report.categories.removed = removed.accepted.count
        run.report.categories.failed += removed.rejected.count
    }

    // MARK: Products

    private func crawlProducts(
        _ runs: inout [StorefrontRun], crawl: RangeCrawl, ranges planned: [CrawlRange], total: Int?, started: ContinuousClock.Instant,
        progress: @escaping @Sendable (ReindexProgress) -> Void
    ) async throws {
        guard !runs.isEmpty else { return }
        var ranges = planned
        let governor = reader.client.rateGovernor
        var failedRanges = Set<Int>()
        var crawled = 0
        // Pages of different ranges are published side by side (a range's own pages one after another, so its
        // checkpoint only ever moves past pages that are done); their results are applied here, one at a time.
        let parallel = min(3, options.crawlConcurrency)
        try await withThrowingTaskGroup(of: PublishedPage.self) { group in
            var publishing = Set<Int>()
            func settle(_ done: PublishedPage, _ runs: inout [StorefrontRun]) async throws {
                publishing.remove(done.range)
                try await apply(done, of: ranges, runs: &runs)
                crawled += done.loaded.page.products.count + done.loaded.page.malformed.count
                let outlook = await governor.outlook
                progress(ReindexProgress(
                    productsCrawled: crawled, productsTotal: total,
                    pushed: runs.reduce(0) { $0 + $1.report.products.pushed },
                    failed: runs.reduce(0) { $0 + $1.report.products.failed },
                    elapsed: (ContinuousClock.now - started).timeInterval,
                    pagesInFlight: await crawl.readsInFlight(), requestsInFlight: outlook.inFlight))
                await crawl.consumed()
            }
            for await event in crawl.events() {
                switch event {
                case .failed(let index, let after, let error):
                    try Task.checkCancellation()
                    failedRanges.insert(index)
                    failCrawl(&runs, range: ranges[index], after: after, reason: "\(error)")
                    await crawl.consumed()
                case .split(let index, let at, let new):
                    try await split(range: index, at: at, into: new, ranges: &ranges, runs: &runs)
                case .page(let index, let loaded):
                    guard !failedRanges.contains(index) else {
                        await crawl.consumed()
                        break
                    }
                    while publishing.contains(index) || publishing.count >= parallel, let done = try await group.next() {
                        try await settle(done, &runs)
                    }
                    try await recordMalformed(loaded.page.malformed, runs: &runs)
                    publishing.insert(index)
                    let shares = runs.map { PageShare(run: $0, after: $0.ranges[index].after) }
                    group.addTask { try await self.publish(loaded, range: index, shares: shares) }
                }
            }
            while let done = try await group.next() { try await settle(done, &runs) }
        }
        try Task.checkCancellation()
        guard failedRanges.isEmpty else { return }
        guard runs.allSatisfy({ $0.ranges.allSatisfy(\.isComplete) }) else {
            failCrawl(&runs, range: nil, after: nil, reason: "the catalog read ended before its last page")
            return
        }
        for index in runs.indices { runs[index].crawlCompleted = true }
    }

    /// Ends range `index` at `at` and adds range `new` for the ids after it up to the range's former end, in every
    /// storefront's progress too (a storefront that handled ids past `at` keeps them handled), and checkpoints it.
    private func split(range index: Int, at: Int, into new: Int, ranges: inout [CrawlRange], runs: inout [StorefrontRun]) async throws {
        precondition(new == ranges.count, "ranges are split in order")
        let end = ranges[index].last
        ranges.append(CrawlRange(first: at + 1, last: end, after: at))
        ranges[index].last = at
        for position in runs.indices {
            let handled = runs[position].ranges[index].after
            runs[position].ranges.append(CrawlRange(first: at + 1, last: end, after: min(end, max(at, handled))))
            runs[position].ranges[index].last = at
            runs[position].ranges[index].after = min(at, handled)
            try await store.saveCheckpoint(runs[position].checkpoint())
        }
    }

    /// What one storefront needs to publish its share of a page.
    private struct PageShare: Sendable {
        var target: ResolvedStorefront
        var context: CatalogContext
        var priceKey: PriceKey?
        var run: String
        /// The highest id of the page's range the storefront already handled.
        var after: Int

        init(run: StorefrontRun, after: Int) {
            target = run.target
            context = run.context
            priceKey = run.priceKey
            self.run = run.run
            self.after = after
        }
    }

    /// A page published for every storefront, with each storefront's outcome (in the order of the runs).
    private struct PublishedPage: Sendable {
        var range: Int
        var loaded: LoadedPage
        var outcomes: [ProductPublication.Outcome]
    }

    /// Publishes one page of range `index` for every storefront, each the products after where it got in the range.
    private func publish(_ loaded: LoadedPage, range index: Int, shares: [PageShare]) async throws -> PublishedPage {
        try await withThrowingTaskGroup(of: (Int, ProductPublication.Outcome).self) { group in
            for (position, share) in shares.enumerated() {
                group.addTask {
                    var context = share.context
                    context.priceRecords = share.priceKey.flatMap { loaded.prices[$0] } ?? [:]
                    context.translations = share.target.language.translationLocale.flatMap { loaded.translations[$0] } ?? [:]
                    let after = share.after
                    let outcome = try await self.publication.publish(
                        loaded.products.filter { $0.id > after },
                        unreadable: loaded.page.malformed.compactMap(\.id).filter { $0 > after },
                        to: share.target, context: context, seenBy: share.run, force: self.options.full, removals: .atTheEnd)
                    return (position, outcome)
                }
            }
            var outcomes = Array(repeating: ProductPublication.Outcome(), count: shares.count)
            for try await (position, outcome) in group { outcomes[position] = outcome }
            return PublishedPage(range: index, loaded: loaded, outcomes: outcomes)
        }
    }

    /// Counts a published page in each storefront's report and checkpoints how far each got in the page's range.
    private func apply(_ done: PublishedPage, of ranges: [CrawlRange], runs: inout [StorefrontRun]) async throws {
        let page = done.loaded.page
        let index = done.range
        let reached = page.isLast ? ranges[index].last : (page.lastID ?? ranges[index].after)
        for (position, outcome) in done.outcomes.enumerated() {
            runs[position].report.products.seen += outcome.listed.count
            runs[position].report.products.unchanged += outcome.unchanged
            runs[position].report.products.pushed += outcome.pushed
            runs[position].report.products.removed += outcome.removed
            runs[position].report.products.failed += outcome.refused
            if reached > runs[position].ranges[index].after {
                runs[position].ranges[index].after = reached
                try await store.saveCheckpoint(runs[position].checkpoint())
            }
        }
    }

    private func failCrawl(_ runs: inout [StorefrontRun], range: CrawlRange?, after: Int?, reason: String) {
        let place = range.map { range in
            "in the product ids \(range.first)–\(range.last == .max ? "up" : String(range.last))"
                + (after.map { " after product \($0)" } ?? "")
        } ?? "before its end"
        logger.error("Product crawl stopped; nothing is deleted in this run", metadata: [
            "range_first": "\(range?.first ?? 0)", "after_product": "\(after ?? range?.after ?? 0)", "error": "\(reason)",
        ])
        for index in runs.indices {
            runs[index].report.failures.append(
                "product crawl stopped \(place): \(reason). Nothing was deleted; the next run resumes there.")
        }
    }

    /// Dead-letters products BigCommerce returned unreadable. One without a readable id could be any
    /// product, so no deletions happen in this run.
    private func recordMalformed(_ malformed: [MalformedRecord], runs: inout [StorefrontRun]) async throws {
        try await publication.recordUnreadable(malformed)
        for record in malformed {
            logger.warning("BigCommerce returned a product clerkbridge cannot read; dead-lettered", metadata: [
                "product_id": "\(record.id.map(String.init) ?? "unreadable")", "error": "\(record.error)",
            ])
            if record.id == nil {
                for index in runs.indices where !runs[index].deletionsBlocked {
                    runs[index].deletionsBlocked = true
                    runs[index].report.failures.append(
                        "a product without a readable id was dead-lettered; no products were deleted in this run")
                }
            }
        }
    }

    /// Removes what the ledger holds and the completed crawl did not see — deleted in BigCommerce or no longer
    /// listed in the storefront — unless the removal guard refuses that many.
    private func removeUnseenProducts(_ run: inout StorefrontRun) async throws {
        let name = run.target.name
        if !run.deletionsBlocked {
            let unseen = try await store.unseen(storefront: name, entity: .product, run: run.run)
            let held = try await store.heldIDs(storefront: name, entity: .product).count
            do {
                try options.removalGuard.check(removing: unseen.count, of: held, storefront: name)
                let removed = try await remove(unseen, entity: .product, storefront: name, keys: run.target.clerkKeys)
                run.report.products.removed += removed.accepted.count
                run.report.products.failed += removed.rejected.count
            } catch let refused as MassRemovalRefused {
                logger.error("Mass removal refused", metadata: ["storefront": "\(name)", "error": "\(refused)"])
                run.report.failures.append(refused.description)
            }
        }
        try await store.clearCheckpoint(storefront: name)
    }

    private func write(
        _ documents: [EncodedDocument], entity: EntityKind, storefront name: String, keys: ClerkStoreKeys
    ) async throws -> ClerkWriter.Outcome {
        try await publisher.write(documents, entity: entity, storefront: name, keys: keys)
    }

    private func remove(_ ids: [Int], entity: EntityKind, storefront name: String, keys: ClerkStoreKeys) async throws -> ClerkWriter.Outcome {
        try await publisher.remove(ids, entity: entity, storefront: name, keys: keys)
    }
}

/// Failures that stop a reindex before it can do anything useful, or leave it unfinished.
public enum ReindexError: RetryClassified, CustomStringConvertible {
    /// The store-wide data (store, currencies, brands, categories, price lists) could not be read.
    case bigCommerce(BigCommerceError)
    /// A Clerk store refused its keys.
    case clerkKeysRefused(String)
    /// Another reindex holds this database (the reason names where); worth trying again later.
    case alreadyRunning(String)
    /// The crawl did not complete (a page kept failing, or Clerk went away); it resumes from its checkpoint.
    case incomplete(String)

    /// BigCommerce's answer decides; refused keys are permanent; another reindex is waited for; an unfinished
    /// crawl waits like an outage (it is one, of whichever service failed it).
    public var retryability: Retryability {
        switch self {
        case .bigCommerce(let error): error.retryability
        case .clerkKeysRefused: .permanent
        case .alreadyRunning: .retryAfter(.seconds(30))
        case .incomplete: .outage
        }
    }

    /// BigCommerce for its errors; Clerk for refused keys; none otherwise.
    public var dependency: Dependency? {
        switch self {
        case .bigCommerce: .bigCommerce
        case .clerkKeysRefused: .clerk
        case .alreadyRunning, .incomplete: nil
        }
    }

    public var description: String {
        switch self {
        case .bigCommerce(let error): "BigCommerce: \(error)"
        case .clerkKeysRefused(let message): "Clerk refused a storefront's keys (check clerk_public_key / clerk_private_key): \(message)"
        case .alreadyRunning(let reason): reason
        case .incomplete(let failures): "the reindex did not complete: \(failures)"
        }
    }
}

extension DeadLetterDraft {
    init(_ rejection: ClerkWriter.Rejection, storefront: String, kind: DeadLetterKind) {
        self.init(
            storefront: storefront, kind: kind.rawValue, entityID: String(rejection.id),
            requestPayload: rejection.error.requestPayload, responseStatus: rejection.error.httpStatus,
            responseBody: rejection.error.responseBody, error: rejection.error.description,
            attempts: rejection.attempts)
    }
}
