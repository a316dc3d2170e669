import BigCommerceAPI
import CatalogMapping
import ClerkAPI
import Foundation
import Reliability
import Logging
import StorefrontRegistry
import SyncStore

/// Reads every Clerk store back and compares it with the mapping of the current catalog, and on request repairs
/// what differs.
///
/// Clerk cannot list a store's contents, so the ids checked are those the mapping expects plus every
/// id clerkbridge's ledger says it pushed; a document someone else put there is out of sight.
public final class Verifier: Sendable {
    private let reader: CatalogReader
    private let clerk: ClerkClient
    private let store: any SyncStorage
    private let publisher: ClerkPublisher
    private let removalGuard: RemovalGuard
    private let retry: RetryPolicy

    /// Creates a verifier; a repair writes through `writer` and refuses removals `removalGuard` does not allow.
    public init(
        reader: CatalogReader, clerk: ClerkClient, writer: ClerkWriter, store: any SyncStorage,
        removalGuard: RemovalGuard = RemovalGuard(), retry: RetryPolicy, logger: Logger
    ) {
        self.reader = reader
        self.clerk = clerk
        self.store = store
        self.publisher = ClerkPublisher(writer: writer, store: store, logger: logger)
        self.removalGuard = removalGuard
        self.retry = retry
    }

    /// Compares every target's Clerk store with the catalog. With `repair`, sends the missing and different
    /// documents and removes the unexpected ones as it finds them, then compares again: the report is the second
    /// comparison's, with what the repair did.
    public func run(_ targets: [ResolvedStorefront], repair: Bool = false) async throws -> VerifyReport {
        let first = try await compare(targets, repair: repair)
        guard repair else { return first }
        var second = try await compare(targets, repair: false)
        for index in second.storefronts.indices {
            second.storefronts[index].repaired = first.storefronts[index].repaired
            let repairing = first.storefronts[index].failures
            second.storefronts[index].failures = repairing + second.storefronts[index].failures.filter { !repairing.contains($0) }
        }
        return second
    }

    private func compare(_ targets: [ResolvedStorefront], repair: Bool) async throws -> VerifyReport {
        let catalog = try await reader.storeCatalog()
        var reports = targets.map { target in
            var report = StorefrontVerifyReport(name: target.name)
            if repair { report.repaired = StorefrontVerifyReport.Repaired() }
            return report
        }
        let indexes = targets.map { catalog.categoryIndex(for: $0.storefront) }
        var expectedProducts = Array(repeating: Set<Int>(), count: targets.count)

        for (index, target) in targets.enumerated() {
            let documents = indexes[index].documents(storefront: target.storefront)
            try await compare(documents, held: try await store.heldIDs(storefront: target.name, entity: .category),
                              entity: .category, target: target, into: &reports[index])
        }

        var cursor = 0
        crawl: while true {
            let loaded: LoadedPage
            do {
                loaded = try await reader.loadPage(
                    after: cursor, priceKeys: Set(targets.compactMap { catalog.priceKey(for: $0.storefront) }),
                    locales: Set(targets.compactMap(\.language.translationLocale)))
            } catch {
                for index in reports.indices {
                    reports[index].failures.append("catalog read stopped after product \(cursor): \(error)")
                }
                break crawl
            }
            let (page, products, prices) = (loaded.page, loaded.products, loaded.prices)
            for (index, target) in targets.enumerated() {
                let key = catalog.priceKey(for: target.storefront)
                let context = try catalog.context(
                    for: target.storefront, categories: indexes[index], priceRecords: key.flatMap { prices[$0] } ?? [:],
                    translations: target.language.translationLocale.flatMap { loaded.translations[$0] } ?? [:])
                var documents: [ClerkDocument] = []
                for product in products {
                    if case .listed(let document) = ProductMapper.map(product, in: context) { documents.append(document) }
                }
                expectedProducts[index].formUnion(documents.map(\.id))
                try await compare(documents, held: [], entity: .product, target: target, into: &reports[index])
            }
            guard !page.isLast, let last = page.lastID else { break }
            cursor = last
        }

        for (index, target) in targets.enumerated() where reports[index].failures.isEmpty {
            let held = try await store.heldIDs(storefront: target.name, entity: .product)
            let strays = held.filter { !expectedProducts[index].contains($0) }
            try await compare([], held: strays, entity: .product, target: target, into: &reports[index])
        }
        for index in reports.indices {
            reports[index].differences.sort { ($0.entity, $0.id) < ($1.entity, $1.id) }
        }
        return VerifyReport(storefronts: reports)
    }

    /// Compares `expected` documents and `held` ids (expected absent unless also in `expected`) with Clerk, and
    /// repairs what differs when the report is a repair's.
    private func compare(
        _ expected: [ClerkDocument], held: [Int], entity: EntityKind, target: ResolvedStorefront,
        into report: inout StorefrontVerifyReport
    ) async throws {
        let keys = target.clerkKeys
        let expectedByID = Dictionary(expected.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let ids = Array(Set(expectedByID.keys).union(held)).sorted()
        for start in stride(from: 0, to: ids.count, by: 250) {
            let chunk = Array(ids[start..<min(start + 250, ids.count)])
            let found: [Int: ClerkDocument] = try await retry.run(classify: { ($0 as? ClerkError)?.retryability ?? .permanent }) {
                switch entity {
                case .product: try await self.clerk.products(ids: chunk, as: ClerkDocument.self, keys: keys)
                case .category: try await self.clerk.categories(ids: chunk, as: ClerkDocument.self, keys: keys)
                case .order, .customer: [:]
                }
            }
            var send: [ClerkDocument] = []
            var remove: [Int] = []
            for id in chunk {
                report.checked += 1
                let want = expectedByID[id]
                let have = found[id]
                switch (want, have) {
                case (let want?, nil):
                    report.differences.append(VerifyDifference(entity: entity.rawValue, id: id, kind: .missing))
                    send.append(want)
                case (nil, .some):
                    report.differences.append(VerifyDifference(entity: entity.rawValue, id: id, kind: .unexpected))
                    remove.append(id)
                case (let want?, let have?):
                    let fields = have.differingAttributes(from: want)
                    if !fields.isEmpty {
                        report.differences.append(VerifyDifference(entity: entity.rawValue, id: id, kind: .different, fields: fields))
                        send.append(want)
                    }
                case (nil, nil):
                    break
                }
            }
            if report.repaired != nil {
                try await repair(send: send, remove: remove, entity: entity, target: target, into: &report)
            }
        }
    }

    /// Sends `send` and removes `remove` from `target`'s Clerk store, recording both as the reindex does; the
    /// removal guard refuses too large a removal.
    private func repair(
        send: [ClerkDocument], remove: [Int], entity: EntityKind, target: ResolvedStorefront,
        into report: inout StorefrontVerifyReport
    ) async throws {
        let name = target.name
        let encoded = send.map { $0.encoded() }
        let written = try await publisher.write(encoded, entity: entity, storefront: name, keys: target.clerkKeys)
        if entity == .product {
            let accepted = Set(written.accepted)
            let stored = encoded.map(\.stored)
            try await store.commitPage(
                storefront: name, entity: .product, run: nil, seen: [], pushed: stored.filter { accepted.contains($0.id) },
                mirrored: stored, unmirrored: [], at: Date())
        }
        report.repaired?.pushed += written.accepted.count
        report.repaired?.failed += written.rejected.count
        guard !remove.isEmpty else { return }
        if entity == .product {
            let held = try await store.heldIDs(storefront: name, entity: .product).count
            do {
                try removalGuard.check(removing: remove.count, of: held, storefront: name)
            } catch {
                report.failures.append(error.description)
                return
            }
        }
        let removed = try await publisher.remove(remove, entity: entity, storefront: name, keys: target.clerkKeys)
        report.repaired?.removed += removed.accepted.count
        report.repaired?.failed += removed.rejected.count
    }
}
