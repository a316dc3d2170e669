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
/// Each page is checkpointed, so an interrupted run resumes where it stopped. A page that still fails
/// after retries, or Clerk staying unavailable, ends the crawl for this run: nothing is deleted then,
/// and the next run resumes there.
public final class Reindexer: Sendable {
    /// How a reindex treats what Clerk already has and what it would remove.
    public struct Options: Sendable, Hashable {
        /// Sends every document again whatever the ledger says (repairs a Clerk store changed behind clerkbridge's
        /// back).
        public var full: Bool
        /// Refuses to remove too large a share of a storefront's documents.
        public var removalGuard: RemovalGuard

        /// Creates options; the defaults send only what changed and guard removals at 20 %.
        public init(full: Bool = false, removalGuard: RemovalGuard = RemovalGuard()) {
            self.full = full
            self.removalGuard = removalGuard
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
        let started = ContinuousClock.now
        let catalog: StoreCatalog
        do {
            catalog = try await reader.storeCatalog()
        } catch let error as BigCommerceError {
            throw ReindexError.bigCommerce(error)
        }
        var runs: [StorefrontRun] = []
        for target in targets {
            runs.append(try await prepare(target, catalog: catalog))
        }
        do {
            for index in runs.indices {
                try await syncCategories(&runs[index])
            }
            try await crawlProducts(&runs, started: started, progress: progress)
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

    // MARK: Preparation

    private func prepare(_ target: ResolvedStorefront, catalog: StoreCatalog) async throws -> StorefrontRun {
        let storefront = target.storefront
        let checkpoint = try await store.checkpoint(storefront: storefront.name)
        let context = try catalog.context(for: storefront, categories: catalog.categoryIndex(for: storefront), priceRecords: [:])
        var run = StorefrontRun(
            target: target, context: context, priceKey: catalog.priceKey(for: storefront),
            run: checkpoint?.run ?? UUID().uuidString, resumeAfter: checkpoint?.lastProductID ?? 0,
            startedAt: checkpoint?.startedAt ?? Date())
        if let checkpoint {
            run.report.resumed = true
            run.report.products = StorefrontReindexReport.Products(counters: checkpoint.counters)
            logger.info("Resuming an interrupted reindex", metadata: [
                "storefront": "\(storefront.name)", "after_product": "\(checkpoint.lastProductID)",
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
        _ runs: inout [StorefrontRun], started: ContinuousClock.Instant,
        progress: @escaping @Sendable (ReindexProgress) -> Void
    ) async throws {
        guard !runs.isEmpty else { return }
        let priceKeys = Set(runs.compactMap(\.priceKey))
        let locales = Set(runs.compactMap(\.target.language.translationLocale))
        var cursor = runs.map(\.resumeAfter).min() ?? 0
        var crawled = 0
        var total: Int?
        let readAhead = PageReadAhead(reader: reader, priceKeys: priceKeys, locales: locales, after: cursor)
        defer { readAhead.cancel() }
        var reachedLastPage = false
        for await result in readAhead.pages() {
            let loaded: LoadedPage
            do {
                let pending = try result.get()
                loaded = try await withTaskCancellationHandler { try await pending.value } onCancel: { pending.cancel() }
            } catch {
                try Task.checkCancellation()
                failCrawl(&runs, after: cursor, reason: "\(error)")
                return
            }
            let page = loaded.page
            reachedLastPage = page.isLast
            if !page.isLast, page.lastID == nil {
                failCrawl(&runs, after: cursor, reason: "BigCommerce returned a page without any product id")
                return
            }
            try await recordMalformed(page.malformed, runs: &runs)
            try await withThrowingTaskGroup(of: (Int, StorefrontRun).self) { group in
                for (index, run) in runs.enumerated() {
                    group.addTask {
                        var run = run
                        try await self.process(loaded, run: &run)
                        return (index, run)
                    }
                }
                for try await (index, run) in group { runs[index] = run }
            }
            if let lastID = page.lastID { cursor = lastID }
            if total == nil { total = page.total }
            crawled += page.products.count + page.malformed.count
            for index in runs.indices where cursor > runs[index].resumeAfter {
                try await store.saveCheckpoint(runs[index].checkpoint(lastProductID: cursor))
            }
            progress(ReindexProgress(
                productsCrawled: crawled, productsTotal: total,
                pushed: runs.reduce(0) { $0 + $1.report.products.pushed },
                failed: runs.reduce(0) { $0 + $1.report.products.failed },
                elapsed: (ContinuousClock.now - started).timeInterval))
            await readAhead.consumed()
        }
        try Task.checkCancellation()
        guard reachedLastPage else {
            failCrawl(&runs, after: cursor, reason: "the catalog read ended before its last page")
            return
        }
        for index in runs.indices { runs[index].crawlCompleted = true }
    }

    private func failCrawl(_ runs: inout [StorefrontRun], after cursor: Int, reason: String) {
        logger.error("Product crawl stopped; nothing is deleted in this run", metadata: [
            "after_product": "\(cursor)", "error": "\(reason)",
        ])
        for index in runs.indices {
            runs[index].report.failures.append(
                "product crawl stopped after product \(cursor): \(reason). Nothing was deleted; the next run resumes here.")
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

    /// Publishes one page for one storefront (the products after its resume point) and records it under its run.
    private func process(_ loaded: LoadedPage, run: inout StorefrontRun) async throws {
        var context = run.context
        context.priceRecords = run.priceKey.flatMap { loaded.prices[$0] } ?? [:]
        context.translations = run.target.language.translationLocale.flatMap { loaded.translations[$0] } ?? [:]
        let after = run.resumeAfter
        let outcome = try await publication.publish(
            loaded.products.filter { $0.id > after },
            unreadable: loaded.page.malformed.compactMap(\.id).filter { $0 > after },
            to: run.target, context: context, seenBy: run.run, force: options.full, removals: .atTheEnd)
        run.report.products.seen += outcome.listed.count
        run.report.products.unchanged += outcome.unchanged
        run.report.products.pushed += outcome.pushed
        run.report.products.removed += outcome.removed
        run.report.products.failed += outcome.refused
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
