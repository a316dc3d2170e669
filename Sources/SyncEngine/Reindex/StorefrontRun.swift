import CatalogMapping
import Foundation
import StorefrontRegistry
import SyncStore

/// Which price-list records a storefront needs: one list, one currency.
struct PriceKey: Hashable, Sendable {
    var priceListID: Int
    var currency: String
}

/// The state of one storefront during a reindex.
struct StorefrontRun: Sendable {
    var target: ResolvedStorefront
    /// The mapping context of the storefront; each page sets its price records.
    var context: CatalogContext
    var priceKey: PriceKey?
    /// The run id that `seen` marks are written under; kept across a resume.
    var run: String
    /// The crawl's ranges with how far this storefront got in each (from the checkpoint when resuming).
    var ranges: [CrawlRange]
    var startedAt: Date
    var report: StorefrontReindexReport
    var crawlCompleted = false
    /// Set when the run cannot know every product it saw; then nothing is deleted for absence.
    var deletionsBlocked = false

    init(target: ResolvedStorefront, context: CatalogContext, priceKey: PriceKey?, run: String, ranges: [CrawlRange], startedAt: Date) {
        self.target = target
        self.context = context
        self.priceKey = priceKey
        self.run = run
        self.ranges = ranges
        self.startedAt = startedAt
        self.report = StorefrontReindexReport(name: target.name)
    }

    /// The checkpoint of how far this storefront got.
    func checkpoint() -> CrawlCheckpoint {
        CrawlCheckpoint(
            storefront: target.name, run: run, lastProductID: CrawlPlan.completePrefix(ranges), startedAt: startedAt,
            counters: report.products.counters, ranges: ranges)
    }
}

extension StorefrontReindexReport.Products {
    /// The counters as stored in a crawl checkpoint.
    var counters: [String: Int] {
        ["seen": seen, "pushed": pushed, "unchanged": unchanged, "removed": removed, "failed": failed]
    }

    /// Counters restored from a crawl checkpoint.
    init(counters: [String: Int]) {
        self.init()
        seen = counters["seen"] ?? 0
        pushed = counters["pushed"] ?? 0
        unchanged = counters["unchanged"] ?? 0
        removed = counters["removed"] ?? 0
        failed = counters["failed"] ?? 0
    }
}
