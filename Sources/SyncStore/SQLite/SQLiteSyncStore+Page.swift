import Foundation
import GRDB

extension SQLiteSyncStore {
    /// Records a publication in ONE write transaction: ledger upserts for `pushed` (with the seen mark of `run`
    /// when also in `seen`), seen marks for the other ids of `seen`, mirror upserts and removals.
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
        guard !seen.isEmpty || !pushed.isEmpty || !mirrored.isEmpty || !unmirrored.isEmpty else { return }
        try await writer.write { db in
            let seenSet = run == nil ? [] : Set(seen)
            try Self.writePushed(db, storefront: storefront, entity: entity, documents: pushed, at: at, run: run, seenIn: seenSet)
            if let run {
                let pushedIDs = Set(pushed.lazy.map(\.id))
                try Self.writeSeen(db, storefront: storefront, entity: entity, ids: seen.lazy.filter { !pushedIDs.contains($0) }, run: run)
            }
            try Self.writeMirror(db, storefront: storefront, entity: entity, documents: mirrored, at: at)
            if !unmirrored.isEmpty {
                try db.execute(literal: """
                    DELETE FROM mirror WHERE storefront = \(storefront) AND entity = \(entity.rawValue) AND id IN \(unmirrored)
                    """)
            }
        }
    }
}
