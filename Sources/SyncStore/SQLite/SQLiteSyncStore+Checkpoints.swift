import Foundation
import GRDB

extension SQLiteSyncStore {
    /// The saved checkpoint of `storefront`, if any.
    public func checkpoint(storefront: String) async throws -> CrawlCheckpoint? {
        try await writer.read { db in
            guard let row = try Row.fetchOne(
                db.cachedStatement(sql: """
                    SELECT run, last_product_id, failed_pages, started_at, counters
                    FROM crawl_checkpoints WHERE storefront = ?
                    """),
                arguments: [storefront]
            ) else { return nil }
            let countersJSON: String = row["counters"]
            let counters: [String: Int]
            do {
                counters = try JSONDecoder().decode([String: Int].self, from: Data(countersJSON.utf8))
            } catch {
                throw SyncStoreError.corruptRecord(table: "crawl_checkpoints", detail: "counters of '\(storefront)': \(error)")
            }
            return CrawlCheckpoint(
                storefront: storefront,
                run: row["run"],
                lastProductID: row["last_product_id"],
                failedPages: row["failed_pages"],
                startedAt: Date(timeIntervalSince1970: row["started_at"]),
                counters: counters
            )
        }
    }

    /// Saves (replaces) the checkpoint of `checkpoint.storefront`.
    public func saveCheckpoint(_ checkpoint: CrawlCheckpoint) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let counters = String(decoding: try encoder.encode(checkpoint.counters), as: UTF8.self)
        let savedAt = Date().timeIntervalSince1970
        try await writer.write { db in
            try db.cachedStatement(sql: """
                INSERT INTO crawl_checkpoints
                    (storefront, run, last_product_id, failed_pages, started_at, counters, saved_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (storefront) DO UPDATE SET
                    run = excluded.run,
                    last_product_id = excluded.last_product_id,
                    failed_pages = excluded.failed_pages,
                    started_at = excluded.started_at,
                    counters = excluded.counters,
                    saved_at = excluded.saved_at
                """).execute(arguments: [
                    checkpoint.storefront, checkpoint.run, checkpoint.lastProductID, checkpoint.failedPages,
                    checkpoint.startedAt.timeIntervalSince1970, counters, savedAt,
                ])
        }
    }

    /// Removes the checkpoint of `storefront`.
    public func clearCheckpoint(storefront: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM crawl_checkpoints WHERE storefront = ?", arguments: [storefront])
        }
    }
}
