import BigCommerceAPI
import CatalogMapping
import ClerkAPI
import Foundation
import Reliability
import Logging
import StorefrontRegistry
import SyncStore

/// Reads every Clerk store back and compares it with the mapping of the current catalog.
///
/// Clerk cannot list a store's contents, so the ids checked are those the mapping expects plus every
/// id clerkbridge's ledger says it pushed; a document someone else put there is out of sight.
public final class Verifier: Sendable {
    private let reader: CatalogReader
    private let clerk: ClerkClient
    private let ledger: any CatalogLedger
    private let retry: RetryPolicy

    /// Creates a verifier.
    public init(reader: CatalogReader, clerk: ClerkClient, ledger: any CatalogLedger, retry: RetryPolicy) {
        self.reader = reader
        self.clerk = clerk
        self.ledger = ledger
        self.retry = retry
    }

    /// Compares every target's Clerk store with the catalog.
    public func run(_ targets: [ResolvedStorefront]) async throws -> VerifyReport {
        let catalog = try await reader.storeCatalog()
        var reports = targets.map { StorefrontVerifyReport(name: $0.name) }
        let indexes = targets.map { catalog.categoryIndex(for: $0.storefront) }
        var expectedProducts = Array(repeating: Set<Int>(), count: targets.count)

        for (index, target) in targets.enumerated() {
            let documents = indexes[index].documents(storefront: target.storefront)
            try await compare(documents, held: try await ledger.heldIDs(storefront: target.name, entity: .category),
                              entity: .category, keys: target.clerkKeys, into: &reports[index])
        }

        var cursor = 0
        crawl: while true {
            let loaded: LoadedPage
            do {
                loaded = try await reader.loadPage(after: cursor, priceKeys: Set(targets.compactMap { catalog.priceKey(for: $0.storefront) }))
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
                    for: target.storefront, categories: indexes[index], priceRecords: key.flatMap { prices[$0] } ?? [:])
                var documents: [ClerkDocument] = []
                for product in products {
                    if case .listed(let document) = ProductMapper.map(product, in: context) { documents.append(document) }
                }
                expectedProducts[index].formUnion(documents.map(\.id))
                try await compare(documents, held: [], entity: .product, keys: target.clerkKeys, into: &reports[index])
            }
            guard !page.isLast, let last = page.lastID else { break }
            cursor = last
        }

        for (index, target) in targets.enumerated() where reports[index].failures.isEmpty {
            let held = try await ledger.heldIDs(storefront: target.name, entity: .product)
            let strays = held.filter { !expectedProducts[index].contains($0) }
            try await compare([], held: strays, entity: .product, keys: target.clerkKeys, into: &reports[index])
        }
        for index in reports.indices {
            reports[index].differences.sort { ($0.entity, $0.id) < ($1.entity, $1.id) }
        }
        return VerifyReport(storefronts: reports)
    }

    /// Compares `expected` documents and `held` ids (expected absent unless also in `expected`) with Clerk.
    private func compare(
        _ expected: [ClerkDocument], held: [Int], entity: EntityKind, keys: ClerkStoreKeys,
        into report: inout StorefrontVerifyReport
    ) async throws {
        let expectedByID = Dictionary(expected.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let ids = Array(Set(expectedByID.keys).union(held)).sorted()
        for start in stride(from: 0, to: ids.count, by: 250) {
            let chunk = Array(ids[start..<min(start + 250, ids.count)])
            let found = try await retry.run(classify: { ($0 as? ClerkError)?.retryability ?? .permanent }) {
                switch entity {
                case .product: try await self.clerk.products(ids: chunk, as: ClerkDocument.self, keys: keys)
                case .category: try await self.clerk.categories(ids: chunk, as: ClerkDocument.self, keys: keys)
                }
            }
            for id in chunk {
                report.checked += 1
                let want = expectedByID[id]
                let have = found[id]
                switch (want, have) {
                case (.some, nil):
                    report.differences.append(VerifyDifference(entity: entity.rawValue, id: id, kind: .missing))
                case (nil, .some):
                    report.differences.append(VerifyDifference(entity: entity.rawValue, id: id, kind: .unexpected))
                case (let want?, let have?):
                    let fields = have.differingAttributes(from: want)
                    if !fields.isEmpty {
                        report.differences.append(VerifyDifference(entity: entity.rawValue, id: id, kind: .different, fields: fields))
                    }
                case (nil, nil):
                    break
                }
            }
        }
    }
}
