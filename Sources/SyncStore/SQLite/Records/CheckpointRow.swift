import Foundation
import GRDB

/// A row of `crawl_checkpoints`: where one storefront's interrupted reindex resumes.
struct CheckpointRow: SQLiteRecord {
    static let databaseTableName = "crawl_checkpoints"

    var storefront: String
    var run: String
    var lastProductID: Int
    var failedPages: Int
    var startedAt: Date
    /// The run counters, a JSON object with sorted keys.
    var counters: String
    var savedAt: Date
    /// The crawl's ranges, a JSON array of `{"first", "last", "after"}` (`[]` for a crawl not split).
    var ranges: String

    enum CodingKeys: String, CodingKey {
        case storefront, run, counters, ranges
        case lastProductID = "last_product_id"
        case failedPages = "failed_pages"
        case startedAt = "started_at"
        case savedAt = "saved_at"
    }

    /// The row that saves `checkpoint` at `savedAt`.
    init(_ checkpoint: CrawlCheckpoint, savedAt: Date) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        storefront = checkpoint.storefront
        run = checkpoint.run
        lastProductID = checkpoint.lastProductID
        failedPages = checkpoint.failedPages
        startedAt = checkpoint.startedAt
        counters = String(decoding: try encoder.encode(checkpoint.counters), as: UTF8.self)
        ranges = String(decoding: try encoder.encode(checkpoint.ranges), as: UTF8.self)
        self.savedAt = savedAt
    }

    /// The checkpoint saved; throws ``SyncStoreError/corruptRecord(table:detail:)`` for unreadable counters.
    func checkpoint() throws -> CrawlCheckpoint {
        let decoded: [String: Int]
        let decodedRanges: [CrawlRange]
        do {
            decoded = try JSONDecoder().decode([String: Int].self, from: Data(counters.utf8))
        } catch {
            throw SyncStoreError.corruptRecord(table: Self.databaseTableName, detail: "counters of '\(storefront)': \(error)")
        }
        do {
            decodedRanges = try JSONDecoder().decode([CrawlRange].self, from: Data(ranges.utf8))
        } catch {
            throw SyncStoreError.corruptRecord(table: Self.databaseTableName, detail: "ranges of '\(storefront)': \(error)")
        }
        return CrawlCheckpoint(
            storefront: storefront, run: run, lastProductID: lastProductID, failedPages: failedPages,
            startedAt: startedAt, counters: decoded, ranges: decodedRanges)
    }
}
