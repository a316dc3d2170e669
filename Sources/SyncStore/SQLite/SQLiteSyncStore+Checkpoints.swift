import Foundation
import GRDB

extension SQLiteSyncStore {
    /// The saved checkpoint of `storefront`, if any.
    public func checkpoint(storefront: String) async throws -> CrawlCheckpoint? {
        try await writer.read { db in
            try CheckpointRow.fetchOne(db, key: storefront)?.checkpoint()
        }
    }

    /// Saves (replaces) the checkpoint of `checkpoint.storefront`.
    public func saveCheckpoint(_ checkpoint: CrawlCheckpoint) async throws {
        let row = try CheckpointRow(checkpoint, savedAt: Date())
        try await writer.write { db in
            try row.upsert(db)
        }
    }

    /// Removes the checkpoint of `storefront`.
    public func clearCheckpoint(storefront: String) async throws {
        try await writer.write { db in
            _ = try CheckpointRow.deleteOne(db, key: storefront)
        }
    }
}
