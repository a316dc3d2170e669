import Foundation

/// Where an interrupted full reindex of one storefront resumes.
public struct CrawlCheckpoint: Sendable, Codable, Equatable {
    /// The storefront being reindexed.
    public var storefront: String
    /// The id of the reindex run (also used for the ledger's seen marks).
    public var run: String
    /// The highest product id fully processed; the crawl resumes after it.
    public var lastProductID: Int
    /// How many pages failed so far in this run (deletes are skipped when non-zero).
    public var failedPages: Int
    /// When the run started.
    public var startedAt: Date
    /// Free-form run counters (pushed, unchanged, skipped, …).
    public var counters: [String: Int]

    /// Creates a checkpoint.
    public init(
        storefront: String,
        run: String,
        lastProductID: Int,
        failedPages: Int = 0,
        startedAt: Date,
        counters: [String: Int] = [:]
    ) {
        self.storefront = storefront
        self.run = run
        self.lastProductID = lastProductID
        self.failedPages = failedPages
        self.startedAt = startedAt
        self.counters = counters
    }
}
