import Foundation

/// Records what one publication of a set of documents did (ledger pushes, seen marks, mirror changes) with a
/// single call: a reindex page, or a delta.
///
/// ``SQLiteSyncStore`` does it in one write transaction, so a page is recorded entirely or not at all. The
/// default implementation (for test doubles) makes the separate calls in order.
public protocol CatalogPageCommitter: CatalogLedger, CatalogMirror {
    /// Records a publication: `pushed` were accepted by Clerk at `at`; every id in `seen` was listed in reindex
    /// `run` (none is marked without a run); `mirrored` are the current documents to serve and `unmirrored` the
    /// ids no longer to serve.
    func commitPage(
        storefront: String,
        entity: EntityKind,
        run: String?,
        seen: [Int],
        pushed: [StoredDocument],
        mirrored: [StoredDocument],
        unmirrored: [Int],
        at: Date
    ) async throws
}

extension CatalogPageCommitter {
    /// Default: the separate calls, in order (not atomic).
    public func commitPage(
        storefront: String,
        entity: EntityKind,
        run: String?,
        seen: [Int],
        pushed: [StoredDocument],
        mirrored: [StoredDocument],
        unmirrored: [Int],
        at: Date
    ) async throws {
        try await recordPushed(storefront: storefront, entity: entity, documents: pushed, at: at)
        if let run { try await markSeen(storefront: storefront, entity: entity, ids: seen, run: run) }
        try await upsertMirror(storefront: storefront, entity: entity, documents: mirrored)
        try await removeFromMirror(storefront: storefront, entity: entity, ids: unmirrored)
    }
}
