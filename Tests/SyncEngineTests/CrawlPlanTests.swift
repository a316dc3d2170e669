import BigCommerceAPI
import Foundation
import SyncStore
import Testing

@testable import SyncEngine

@Suite("crawl plan")
struct CrawlPlanTests {
    /// Ranges tile every id from 0 up, in order, the last open-ended.
    static func tiles(_ ranges: [CrawlRange]) -> Bool {
        guard ranges.first?.first == 0, ranges.last?.last == .max else { return false }
        return zip(ranges, ranges.dropFirst()).allSatisfy { $0.last + 1 == $1.first }
    }

    @Test func rangesCoverEveryIdInWholePages() {
        // 20,000 products at ids 100, 103, 106, … as the sandbox numbers them.
        let bounds = ProductIDBounds(first: 100, last: 100 + 3 * 19_999, total: 20_000)
        let ranges = CrawlPlan.ranges(bounds: bounds, pageSize: 250, maximumInFlight: 8)
        #expect(Self.tiles(ranges))
        #expect(ranges.count == 16)
        // Each bounded range holds five full pages of the catalog's ids.
        for range in ranges.dropLast() {
            let products = (0..<20_000).map { 100 + 3 * $0 }.filter { range.contains($0) }.count
            #expect(products == 1_250, "\(range)")
        }
        #expect(ranges.allSatisfy { $0.after == $0.first - 1 })
    }

    @Test func smallAndEmptyCatalogsAreOneRange() {
        #expect(CrawlPlan.ranges(bounds: ProductIDBounds(first: nil, last: nil, total: 0), pageSize: 250, maximumInFlight: 8)
            == [CrawlRange(first: 0, last: .max)])
        #expect(CrawlPlan.ranges(bounds: ProductIDBounds(first: 5, last: 900, total: 300), pageSize: 250, maximumInFlight: 8).count == 1)
        #expect(Self.tiles(CrawlPlan.ranges(bounds: ProductIDBounds(first: 5, last: 9_000_000, total: 2_000), pageSize: 250, maximumInFlight: 2)))
    }

    @Test func aResumeMapsEachStorefrontsProgressOntoTheFirstPlan() {
        let plan = [CrawlRange(first: 0, last: 999), CrawlRange(first: 1_000, last: 1_999), CrawlRange(first: 2_000, last: .max)]
        var ranges = plan
        ranges[0].after = 999
        ranges[1].after = 1_500
        let withRanges = CrawlCheckpoint(storefront: "a", run: "r", lastProductID: 999, startedAt: Date(), ranges: ranges)
        let legacy = CrawlCheckpoint(storefront: "b", run: "r", lastProductID: 1_200, startedAt: Date())
        let (resumed, progress) = CrawlPlan.resume([nil, withRanges, legacy])
        #expect(resumed == plan)
        #expect(progress[0].map(\.after) == [-1, 999, 1_999])
        #expect(progress[1].map(\.after) == [999, 1_500, 1_999])
        #expect(progress[2].map(\.after) == [999, 1_200, 1_999])
        #expect(CrawlPlan.completePrefix(progress[1]) == 1_500)
        #expect(withRanges.hasPassed(1_400) && !withRanges.hasPassed(1_600) && !withRanges.hasPassed(2_500))
    }

    @Test func concurrencyFollowsTheQuotaAndTheResponseTimes() {
        let concurrency = CrawlConcurrency(maximum: 8, requestsPerPage: 2)
        // No quota known, or more than eight pages could spend: all eight.
        #expect(concurrency.target(RateOutlook()) == 8)
        #expect(concurrency.target(RateOutlook(requestsPerSecond: 1_000_000, latency: .milliseconds(475))) == 8)
        // Standard plan, 150 per 30 s at 475 ms a page: 2.4 requests in flight, two pages and one to spare.
        #expect(concurrency.target(RateOutlook(requestsPerSecond: 5, latency: .milliseconds(475))) == 3)
        // The window spent: one, which the governor holds until the reset.
        #expect(concurrency.target(RateOutlook(requestsPerSecond: 0, latency: .milliseconds(475))) == 1)
        // Faster answers need fewer pages in flight for the same quota.
        #expect(concurrency.target(RateOutlook(requestsPerSecond: 15, latency: .milliseconds(100))) == 2)
    }
}
