import Foundation
import GRDB

extension SQLiteSyncStore {
    /// Records a reindex page in ONE write transaction: ledger upserts for `pushed` (with the seen mark
    /// of `run` when also in `seen`), seen marks for the other ids of `seen`, and mirror upserts.
    public func commitPage(
        storefront: String,
        entity: EntityKind,
        run: String,
        seen: [Int],
        pushed: [StoredDocument],
        mirrored: [StoredDocument],
        at: Date
    ) async throws {
        guard !seen.isEmpty || !pushed.isEmpty || !mirrored.isEmpty else { return }
        try await writer.write { db in
            let seenSet = Set(seen)
            try Self.writePushed(db, storefront: storefront, entity: entity, documents: pushed, at: at, run: run, seenIn: seenSet)
            let pushedIDs = Set(pushed.lazy.map(\.id))
            try Self.writeSeen(db, storefront: storefront, entity: entity, ids: seen.lazy.filter { !pushedIDs.contains($0) }, run: run)
            try Self.writeMirror(db, storefront: storefront, entity: entity, documents: mirrored, at: at)
        }
    }
}
