import Foundation

/// Records one reindex page (ledger pushes, seen marks, mirror upserts) with a single call.
///
/// The reindex calls ``commitPage(storefront:entity:run:seen:pushed:mirrored:at:)`` once per crawled page
/// instead of ``CatalogLedger/recordPushed(storefront:entity:documents:at:)``,
/// ``CatalogLedger/markSeen(storefront:entity:ids:run:)`` and
/// ``CatalogMirror/upsertMirror(storefront:entity:documents:)`` separately. ``SQLiteSyncStore`` does it in
/// one write transaction, so a page is recorded entirely or not at all. The default implementation
/// (for test doubles) makes the three calls in that order.
public protocol CatalogPageCommitter: CatalogLedger, CatalogMirror {
    /// Records a page: `pushed` were accepted by Clerk at `at`, every id in `seen` was listed in `run`,
    /// and `mirrored` are the current documents to serve.
    func commitPage(
        storefront: String,
        entity: EntityKind,
        run: String,
        seen: [Int],
        pushed: [StoredDocument],
        mirrored: [StoredDocument],
        at: Date
    ) async throws
}

extension CatalogPageCommitter {
    /// Default: the three separate calls, in order (not atomic).
    public func commitPage(
        storefront: String,
        entity: EntityKind,
        run: String,
        seen: [Int],
        pushed: [StoredDocument],
        mirrored: [StoredDocument],
        at: Date
    ) async throws {
        try await recordPushed(storefront: storefront, entity: entity, documents: pushed, at: at)
        try await markSeen(storefront: storefront, entity: entity, ids: seen, run: run)
        try await upsertMirror(storefront: storefront, entity: entity, documents: mirrored)
    }
}
