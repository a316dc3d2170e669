import Foundation
import PostgresNIO
import SyncStore

extension PostgresSyncStore {
    /// The saved checkpoint of `storefront`, if any.
    public func checkpoint(storefront: String) async throws -> CrawlCheckpoint? {
        try await read(
            """
            SELECT storefront, run, last_product_id, failed_pages, started_at, counters, saved_at, ranges
            FROM crawl_checkpoints WHERE storefront = \(storefront)
            """
        ).first.map { row in
            let (storefront, run, lastProductID, failedPages, startedAt, counters, savedAt, ranges) =
                try row.decode((String, String, Int, Int, Double, String, Double, String).self)
            return try CheckpointRow(
                storefront: storefront, run: run, lastProductID: lastProductID, failedPages: failedPages,
                startedAt: Date(seconds: startedAt), counters: counters, savedAt: Date(seconds: savedAt), ranges: ranges
            ).checkpoint()
        }
    }

    /// Saves (replaces) the checkpoint of `checkpoint.storefront`.
    public func saveCheckpoint(_ checkpoint: CrawlCheckpoint) async throws {
        let row = try CheckpointRow(checkpoint, savedAt: Date())
        _ = try await read(
            """
            INSERT INTO crawl_checkpoints (storefront, run, last_product_id, failed_pages, started_at, counters, saved_at, ranges)
            VALUES (\(row.storefront), \(row.run), \(row.lastProductID), \(row.failedPages), \(row.startedAt.seconds),
                    \(row.counters), \(row.savedAt.seconds), \(row.ranges))
            ON CONFLICT (storefront) DO UPDATE SET
                run = EXCLUDED.run, last_product_id = EXCLUDED.last_product_id, failed_pages = EXCLUDED.failed_pages,
                started_at = EXCLUDED.started_at, counters = EXCLUDED.counters, saved_at = EXCLUDED.saved_at,
                ranges = EXCLUDED.ranges
            """)
    }

    /// Removes the checkpoint of `storefront`.
    public func clearCheckpoint(storefront: String) async throws {
        _ = try await read("DELETE FROM crawl_checkpoints WHERE storefront = \(storefront)")
    }
}
