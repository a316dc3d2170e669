import BigCommerceAPI
import CatalogMapping
import ClerkAPI
import Foundation
import StorefrontRegistry
import SyncStore

/// One storefront's share of a set of products, brought into its Clerk store: the step a reindex page and a
/// webhook delta both take.
///
/// Each product is mapped for the storefront and its document hashed; documents whose hash differs from the
/// ledger are written, products no longer listed (unassigned from the channel, or `gone` from BigCommerce)
/// are removed, refusals are dead-lettered, and the ledger, the mirror and — while a reindex runs — its seen
/// marks are recorded in one transaction. How the result is recorded is the only difference between a page
/// and a delta: a page is seen by its own run; a delta by the reindex running meanwhile, if any.
struct ProductPublication: Sendable {
    /// What one publication came to for the storefront.
    struct Outcome: Sendable {
        /// Products listed in the storefront.
        var listed: [Int] = []
        /// Documents Clerk accepted because their content changed.
        var pushed = 0
        /// Listed documents already current in Clerk.
        var unchanged = 0
        /// Documents removed from Clerk.
        var removed = 0
        /// Writes and removals Clerk refused (dead-lettered).
        var refused = 0
    }

    let publisher: ClerkPublisher
    let store: any SyncStorage
    private let filterMarks: FilterAttributeMarks

    init(publisher: ClerkPublisher, store: any SyncStorage) {
        self.publisher = publisher
        self.store = store
        self.filterMarks = FilterAttributeMarks(markers: store)
    }

    /// What to do with products no longer listed in the storefront.
    enum Removals: Sendable {
        /// Remove them now, once `approve` (given how many) does not throw.
        case now(approve: @Sendable (Int) async throws -> Void)
        /// Leave them: not seen by the run, they are removed with the others when the reindex ends.
        case atTheEnd
    }

    /// Publishes `products` and the removal of `gone` into `target`'s Clerk store, mapped with `context`.
    ///
    /// - Parameters:
    ///   - unreadable: ids BigCommerce returned unreadable: kept in Clerk, and seen, so nothing removes them.
    ///   - run: the reindex run whose seen marks the listed products get, nil for none.
    ///   - force: sends every listed document, also those the ledger says Clerk already has (a repair).
    ///   - removals: whether products no longer listed are removed now or left to the end of a reindex.
    /// - Throws: ``ClerkWriterError`` when Clerk is down or refuses the keys (a refused document is
    ///   dead-lettered instead), and what `approve` throws, after the rest is written and recorded.
    func publish(
        _ products: [SourceProduct], gone: [Int] = [], unreadable: [Int] = [], to target: ResolvedStorefront,
        context: CatalogContext, seenBy run: String?, force: Bool = false, removals: Removals
    ) async throws -> Outcome {
        let name = target.name
        let held = try await store.pushedHashes(storefront: name, entity: .product, ids: products.map(\.id) + gone)
        var outcome = Outcome()
        var changed: [EncodedDocument] = []
        var unlisted = gone
        var listed: [ClerkDocument] = []
        for product in products {
            switch ProductMapper.map(product, in: context) {
            case .listed(let document):
                listed.append(document)
                let encoded = document.encoded()
                outcome.listed.append(encoded.id)
                if !force, held[encoded.id] == encoded.contentHash { outcome.unchanged += 1 } else { changed.append(encoded) }
            case .notListed:
                unlisted.append(product.id)
            }
        }
        try await filterMarks.record(listed, storefront: name)
        let written = try await publisher.write(changed, entity: .product, storefront: name, keys: target.clerkKeys)
        outcome.pushed = written.accepted.count
        outcome.refused = written.rejected.count
        let accepted = Set(written.accepted)
        let stored = changed.map(\.stored)

        var refusal: (any Error)?
        var removed = ClerkWriter.Outcome()
        var unmirrored: [Int] = []
        if case .now(let approve) = removals {
            let held = unlisted.filter { held[$0] != nil }
            do {
                if !held.isEmpty { try await approve(held.count) }
                // What left the storefront is removed at once: the catalog proves it. One Clerk would not delete is
                // dead-lettered and counted seen, so the end of a reindex does not try (and count) it again.
                removed = try await publisher.remove(held, entity: .product, storefront: name, keys: target.clerkKeys)
                unmirrored = unlisted
            } catch let error as ClerkWriterError {
                throw error
            } catch {
                refusal = error
            }
        }
        outcome.removed = removed.accepted.count
        outcome.refused += removed.rejected.count
        // The mirror holds the catalog as mapped, refused documents included: it is what shoppers are served.
        try await store.commitPage(
            storefront: name, entity: .product, run: run,
            seen: outcome.listed + unreadable + removed.rejected.map(\.id),
            pushed: stored.filter { accepted.contains($0.id) }, mirrored: stored, unmirrored: unmirrored, at: Date())
        if let refusal { throw refusal }
        return outcome
    }

    /// Dead-letters products BigCommerce returned unreadable, with their payload; one without a readable id is
    /// named by a fingerprint of its payload.
    func recordUnreadable(_ records: [MalformedRecord]) async throws {
        for record in records {
            let entity = record.id.map(String.init) ?? "unidentified-\(Self.fingerprint(record.payload))"
            try await store.addDeadLetter(DeadLetterDraft(
                storefront: nil, kind: DeadLetterKind.productDecode.rawValue, entityID: entity,
                requestPayload: [UInt8](record.payload), error: record.error), at: Date())
        }
    }

    /// A short stable fingerprint of a payload, to tell unidentified malformed records apart.
    static func fingerprint(_ bytes: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16)
    }
}
