import CatalogMapping
import Foundation
import SyncStore

/// Which price-list records a storefront needs: one list, one currency.
struct PriceKey: Hashable, Sendable {
    var priceListID: Int
    var currency: String
}

/// The state of one storefront during a reindex.
struct StorefrontRun: Sendable {
    var target: StorefrontTarget
    var categories: CategoryIndex
    var priceListID: Int?
    /// The run id that `seen` marks are written under; kept across a resume.
    var run: String
    /// Products up to this id were handled by the interrupted run this one resumes.
    var resumeAfter: Int
    var startedAt: Date
    var report: StorefrontReindexReport
    var crawlCompleted = false
    /// Products with an unresolved push dead letter, resolved when a later push succeeds.
    var openDeadLetters: Set<Int> = []

    init(target: StorefrontTarget, categories: CategoryIndex, priceListID: Int?, run: String, resumeAfter: Int, startedAt: Date) {
        self.target = target
        self.categories = categories
        self.priceListID = priceListID
        self.run = run
        self.resumeAfter = resumeAfter
        self.startedAt = startedAt
        self.report = StorefrontReindexReport(name: target.name)
    }

    /// The price-list records this storefront maps with, if any.
    var priceKey: PriceKey? {
        priceListID.map { PriceKey(priceListID: $0, currency: target.storefront.currency) }
    }

    func checkpoint(lastProductID: Int) -> CrawlCheckpoint {
        CrawlCheckpoint(
            storefront: target.name, run: run, lastProductID: lastProductID, failedPages: 0,
            startedAt: startedAt, counters: report.products.counters)
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
