import Foundation

/// Records what one publication of a set of documents did (ledger pushes, seen marks, mirror changes) with a
/// single call: a reindex page, or a delta.
///
/// A store does it in one write transaction, so a page is recorded entirely or not at all.
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
