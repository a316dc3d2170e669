import Foundation
import PostgresNIO
import SyncStore

extension PostgresSyncStore {
    /// Records a publication in ONE transaction: ledger upserts for `pushed` (with the seen mark of `run` when also
    /// in `seen`), seen marks for the other ids of `seen`, mirror upserts and removals.
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
        let logger = logger
        try await write { connection in
            let seenSet = run == nil ? [] : Set(seen)
            try await Self.writePushed(
                storefront: storefront, entity: entity, documents: pushed, at: at, run: run, seenIn: seenSet,
                on: connection, logger)
            if let run {
                let pushedIDs = Set(pushed.lazy.map(\.id))
                try await Self.writeSeen(
                    storefront: storefront, entity: entity, ids: seen.filter { !pushedIDs.contains($0) }, run: run,
                    on: connection, logger)
            }
            try await Self.writeMirror(storefront: storefront, entity: entity, documents: mirrored, at: at, on: connection, logger)
            if !unmirrored.isEmpty {
                try await connection.rows(
                    """
                    DELETE FROM mirror WHERE storefront = \(storefront) AND entity = \(entity.rawValue) AND id = ANY(\(unmirrored))
                    """, logger)
            }
        }
    }
}
