import BigCommerceAPI
import CatalogMapping
import ClerkAPI
import Foundation
import Logging
import SyncStore

/// The durable state a reindex reads and writes.
public typealias SyncStorage = CatalogPageCommitter & CrawlCheckpoints & DeadLetterQueue

/// Full reindex: crawls the catalog once, maps every product for every storefront, pushes only the
/// documents whose content hash differs from the ledger, and removes from Clerk what the ledger holds
/// and a completed crawl did not see.
///
/// Each page is checkpointed, so an interrupted run resumes where it stopped. A page that still fails
/// after retries ends the crawl for this run: nothing is deleted then, and the next run resumes there.
public final class Reindexer: Sendable {
    private let reader: CatalogReader
    private let writer: ClerkWriter
    private let store: any SyncStorage
    private let logger: Logger

    /// Creates a reindexer.
    public init(reader: CatalogReader, writer: ClerkWriter, store: any SyncStorage, logger: Logger) {
        self.reader = reader
        self.writer = writer
        self.store = store
        self.logger = logger
    }

    /// Reindexes `targets`, reporting progress after every page.
    /// - Throws: ``ReindexError`` when the run cannot start (store data unreadable, keys refused);
    ///   failures of single documents or pages are in the report instead.
    public func run(
        _ targets: [StorefrontTarget], progress: @escaping @Sendable (ReindexProgress) -> Void = { _ in }
    ) async throws -> ReindexReport {
        let started = ContinuousClock.now
        let catalog = try await reader.storeCatalog()
        var runs: [StorefrontRun] = []
        for target in targets {
            runs.append(try await prepare(target, catalog: catalog))
        }
        for index in runs.indices {
            try await syncCategories(&runs[index])
        }
        try await crawlProducts(&runs, catalog: catalog, started: started, progress: progress)
        for index in runs.indices where runs[index].crawlCompleted {
            try await removeUnseenProducts(&runs[index])
        }
        let seconds = (ContinuousClock.now - started).seconds
        return ReindexReport(storefronts: runs.map {
            var report = $0.report
            report.seconds = seconds
            report.crawlCompleted = $0.crawlCompleted
            report.summarizeRefusals()
            return report
        })
    }

    // MARK: Preparation

    private func prepare(_ target: StorefrontTarget, catalog: StoreCatalog) async throws -> StorefrontRun {
        let storefront = target.storefront
        let checkpoint = try await store.checkpoint(storefront: storefront.name)
        var run = StorefrontRun(
            target: target,
            categories: catalog.categoryIndex(for: storefront),
            priceListID: catalog.priceListID(forChannel: storefront.channelID),
            run: checkpoint?.run ?? UUID().uuidString,
            resumeAfter: checkpoint?.lastProductID ?? 0,
            startedAt: checkpoint?.startedAt ?? Date()
        )
        if let checkpoint {
            run.report.resumed = true
            run.report.products = StorefrontReindexReport.Products(counters: checkpoint.counters)
            logger.info("Resuming an interrupted reindex", metadata: [
                "storefront": "\(storefront.name)", "after_product": "\(checkpoint.lastProductID)",
            ])
        }
        run.openDeadLetters = Set(
            try await store.deadLetters(includeResolved: false)
                .filter { $0.storefront == storefront.name && $0.kind == DeadLetterKind.productPush.rawValue }
                .compactMap { Int($0.entityID) })
        return run
    }

    // MARK: Categories

    private func syncCategories(_ run: inout StorefrontRun) async throws {
        let name = run.target.name
        let documents = run.categories.documents(storefront: run.target.storefront)
        run.report.categories.seen = documents.count
        let held = try await store.heldIDs(storefront: name, entity: .category)
        let pushed = try await store.pushedHashes(storefront: name, entity: .category, ids: held)
        let changed = documents.filter { pushed[$0.id] != $0.contentHash }
        let outcome = try await write(changed, entity: .category, run: &run)
        let accepted = Set(outcome.accepted)
        let stored = changed.map { StoredDocument(id: $0.id, contentHash: $0.contentHash, json: $0.canonicalJSON) }
        try await store.upsertMirror(storefront: name, entity: .category, documents: stored)
        try await store.recordPushed(
            storefront: name, entity: .category, documents: stored.filter { accepted.contains($0.id) }, at: Date())
        run.report.categories.pushed = outcome.accepted.count
        run.report.categories.failed = outcome.rejected.count

        let synced = Set(documents.map(\.id))
        let stale = held.filter { !synced.contains($0) }
        let removed = try await remove(stale, entity: .category, run: &run)
        run.report.categories.removed = removed.count
        run.report.categories.failed += stale.count - removed.count
    }

    // MARK: Products

    private func crawlProducts(
        _ runs: inout [StorefrontRun], catalog: StoreCatalog, started: ContinuousClock.Instant,
        progress: @escaping @Sendable (ReindexProgress) -> Void
    ) async throws {
        guard !runs.isEmpty else { return }
        var cursor = runs.map(\.resumeAfter).min() ?? 0
        var crawled = 0
        var total: Int?
        var nextPage: Task<ProductPage, any Error>? = pageTask(after: cursor)
        while let pending = nextPage {
            let page: ProductPage
            do {
                page = try await pending.value
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                failCrawl(&runs, after: cursor, error: error)
                return
            }
            nextPage = page.isLast ? nil : page.lastID.map { pageTask(after: $0) }
            do {
                let products = try await reader.sourceProducts(page.products)
                let prices = try await reader.priceRecords(
                    productIDs: page.products.map(\.id), keys: Set(runs.compactMap(\.priceKey)))
                try await recordMalformed(page.malformed, runs: runs)
                try await withThrowingTaskGroup(of: (Int, StorefrontRun).self) { group in
                    for (index, run) in runs.enumerated() {
                        group.addTask {
                            var run = run
                            try await self.process(products, malformed: page.malformed, run: &run,
                                                   catalog: catalog, prices: run.priceKey.flatMap { prices[$0] } ?? [:])
                            return (index, run)
                        }
                    }
                    for try await (index, run) in group { runs[index] = run }
                }
            } catch let error as ClerkWriterError {
                nextPage?.cancel()
                throw ReindexError.clerk(error.description)
            } catch is CancellationError {
                nextPage?.cancel()
                throw CancellationError()
            } catch {
                nextPage?.cancel()
                failCrawl(&runs, after: cursor, error: error)
                return
            }
            if total == nil, let remaining = page.total { total = remaining }
            if let lastID = page.lastID { cursor = lastID }
            crawled += page.products.count + page.malformed.count
            for index in runs.indices where cursor > runs[index].resumeAfter {
                try await store.saveCheckpoint(runs[index].checkpoint(lastProductID: cursor))
            }
            progress(ReindexProgress(
                productsCrawled: crawled, productsTotal: total,
                pushed: runs.reduce(0) { $0 + $1.report.products.pushed },
                failed: runs.reduce(0) { $0 + $1.report.products.failed },
                elapsed: (ContinuousClock.now - started).seconds))
        }
        for index in runs.indices { runs[index].crawlCompleted = true }
    }

    private func pageTask(after id: Int) -> Task<ProductPage, any Error> {
        Task { try await self.reader.page(after: id) }
    }

    private func failCrawl(_ runs: inout [StorefrontRun], after cursor: Int, error: any Error) {
        logger.error("Product crawl stopped; nothing is deleted in this run", metadata: [
            "after_product": "\(cursor)", "error": "\(error)",
        ])
        for index in runs.indices {
            runs[index].report.failures.append(
                "product crawl stopped after product \(cursor): \(error). Nothing was deleted; the next run resumes here.")
        }
    }

    private func recordMalformed(_ malformed: [MalformedRecord], runs: [StorefrontRun]) async throws {
        for record in malformed {
            logger.warning("BigCommerce returned a product clerkbridge cannot read; dead-lettered", metadata: [
                "product_id": "\(record.id.map(String.init) ?? "unknown")", "error": "\(record.error)",
            ])
            try await store.addDeadLetter(DeadLetterDraft(
                storefront: nil, kind: DeadLetterKind.productDecode.rawValue,
                entityID: record.id.map(String.init) ?? "unknown", requestPayload: [UInt8](record.payload),
                responseStatus: nil, responseBody: nil, error: record.error, attempts: 1), at: Date())
        }
    }

    /// Maps one page for one storefront, pushes what changed, removes what is no longer listed, and records it.
    private func process(
        _ products: [SourceProduct], malformed: [MalformedRecord], run: inout StorefrontRun,
        catalog: StoreCatalog, prices: [Int: SourcePriceRecord]
    ) async throws {
        let name = run.target.name
        let pending = products.filter { $0.id > run.resumeAfter }
        let context = try catalog.context(for: run.target.storefront, categories: run.categories, priceRecords: prices)
        let pushed = try await store.pushedHashes(storefront: name, entity: .product, ids: pending.map(\.id))

        var listed: [Int] = []
        var changed: [ClerkDocument] = []
        var unlisted: [Int] = []
        for product in pending {
            switch ProductMapper.map(product, in: context) {
            case .listed(let document):
                listed.append(document.id)
                if pushed[document.id] != document.contentHash { changed.append(document) }
            case .notListed:
                if pushed[product.id] != nil { unlisted.append(product.id) }
            }
        }
        run.report.products.seen += listed.count
        run.report.products.unchanged += listed.count - changed.count

        let outcome = try await write(changed, entity: .product, run: &run)
        run.report.products.pushed += outcome.accepted.count
        run.report.products.failed += outcome.rejected.count
        let accepted = Set(outcome.accepted)
        let stored = changed.map { StoredDocument(id: $0.id, contentHash: $0.contentHash, json: $0.canonicalJSON) }
        let unreadable = malformed.compactMap(\.id).filter { $0 > run.resumeAfter }
        try await store.commitPage(
            storefront: name, entity: .product, run: run.run, seen: listed + unreadable,
            pushed: stored.filter { accepted.contains($0.id) }, mirrored: stored, at: Date())

        let removed = try await remove(unlisted, entity: .product, run: &run)
        run.report.products.removed += removed.count
        run.report.products.failed += unlisted.count - removed.count
    }

    private func removeUnseenProducts(_ run: inout StorefrontRun) async throws {
        let name = run.target.name
        let unseen = try await store.unseen(storefront: name, entity: .product, run: run.run)
        let removed = try await remove(unseen, entity: .product, run: &run)
        run.report.products.removed += removed.count
        run.report.products.failed += unseen.count - removed.count
        try await store.clearCheckpoint(storefront: name)
    }

    // MARK: Writing to Clerk

    private func write(_ documents: [ClerkDocument], entity: EntityKind, run: inout StorefrontRun) async throws -> ClerkWriter.Outcome {
        guard !documents.isEmpty else { return ClerkWriter.Outcome() }
        let name = run.target.name
        let raw = documents.map { RawDocument(id: $0.id, json: $0.canonicalJSON) }
        let outcome = try await writer.upsert(raw, entity: entity, keys: run.target.clerkKeys)
        let kind: DeadLetterKind = entity == .product ? .productPush : .categoryPush
        for rejection in outcome.rejected {
            logger.warning("Clerk refused a document; dead-lettered", metadata: [
                "storefront": "\(name)", "entity": "\(entity.rawValue)", "id": "\(rejection.id)",
                "error": "\(rejection.error)",
            ])
            try await store.addDeadLetter(DeadLetterDraft(rejection, storefront: name, kind: kind), at: Date())
        }
        if entity == .product {
            for id in outcome.accepted where run.openDeadLetters.contains(id) {
                try await store.resolveDeadLetters(storefront: name, kind: kind.rawValue, entityID: String(id), at: Date())
                run.openDeadLetters.remove(id)
            }
        } else {
            for id in outcome.accepted {
                try await store.resolveDeadLetters(storefront: name, kind: kind.rawValue, entityID: String(id), at: Date())
            }
        }
        return outcome
    }

    /// Deletes `ids` from Clerk and forgets them; returns the ids removed.
    private func remove(_ ids: [Int], entity: EntityKind, run: inout StorefrontRun) async throws -> [Int] {
        guard !ids.isEmpty else { return [] }
        let name = run.target.name
        let outcome = try await writer.delete(ids: ids, entity: entity, keys: run.target.clerkKeys)
        try await store.recordRemoved(storefront: name, entity: entity, ids: outcome.accepted)
        try await store.removeFromMirror(storefront: name, entity: entity, ids: outcome.accepted)
        let kind: DeadLetterKind = entity == .product ? .productDelete : .categoryDelete
        for rejection in outcome.rejected {
            try await store.addDeadLetter(DeadLetterDraft(rejection, storefront: name, kind: kind), at: Date())
        }
        return outcome.accepted
    }
}

/// Failures that stop a reindex before it can do anything useful.
public enum ReindexError: Error, CustomStringConvertible {
    /// Clerk refused a storefront's keys.
    case clerk(String)

    public var description: String {
        switch self {
        case .clerk(let message): message
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

extension Duration {
    /// The duration in seconds, as a `Double` for reports.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
