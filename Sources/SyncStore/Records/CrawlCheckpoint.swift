import Foundation

/// Where an interrupted full reindex of one storefront resumes.
public struct CrawlCheckpoint: Sendable, Codable, Equatable {
    /// The storefront being reindexed.
    public var storefront: String
    /// The id of the reindex run (also used for the ledger's seen marks).
    public var run: String
    /// The highest product id below which everything was processed. Without ``ranges`` (a checkpoint of a crawl
    /// that was not split) the crawl resumes after it; with ranges it is the end of the complete ranges at the start
    /// of the id space, kept so a reader that knows no ranges stays on the safe side.
    public var lastProductID: Int
    /// How many pages failed so far in this run (deletes are skipped when non-zero).
    public var failedPages: Int
    /// When the run started.
    public var startedAt: Date
    /// Free-form run counters (pushed, unchanged, skipped, …).
    public var counters: [String: Int]
    /// The ranges the crawl split the id space into, each with how far it got (empty for a crawl not split:
    /// then ``lastProductID`` alone says where it resumes). Together they cover every id from 0 up.
    public var ranges: [CrawlRange]

    /// Creates a checkpoint.
    public init(
        storefront: String,
        run: String,
        lastProductID: Int,
        failedPages: Int = 0,
        startedAt: Date,
        counters: [String: Int] = [:],
        ranges: [CrawlRange] = []
    ) {
        self.storefront = storefront
        self.run = run
        self.lastProductID = lastProductID
        self.failedPages = failedPages
        self.startedAt = startedAt
        self.counters = counters
        self.ranges = ranges
    }

    /// Whether the crawl already processed product `id` (in its range, or before ``lastProductID`` without ranges).
    public func hasPassed(_ id: Int) -> Bool {
        if id <= lastProductID { return true }
        return ranges.contains { $0.contains(id) && id <= $0.after }
    }
}
