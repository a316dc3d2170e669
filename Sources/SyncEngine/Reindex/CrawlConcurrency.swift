import BigCommerceAPI

/// How many product pages a reindex keeps being read at once: enough to spend the quota BigCommerce allows at the
/// response times it shows, never more than the configured maximum.
///
/// By Little's law the requests in flight needed to spend `r` requests a second that each take `t` seconds is
/// `r × t`. A page read brings `requestsPerPage` requests (the page, then its price-list records beside the next
/// page), and one page more keeps the quota busy while a range waits for its price records. With no quota known
/// (none reported yet, or one far above what the maximum could spend) it is the maximum; with the window's
/// requests spent it drops to one, and the rate governor holds that one until the reset.
struct CrawlConcurrency: Sendable, Equatable {
    /// The most page reads at once (`bigcommerce.crawl_concurrency`).
    var maximum: Int
    /// Requests each page costs: the page and a price-list read per price list (and variant reads when variants
    /// are not included).
    var requestsPerPage: Int

    /// Page reads to keep in flight now.
    func target(_ outlook: RateOutlook) -> Int {
        guard let rate = outlook.requestsPerSecond, let latency = outlook.latency else { return maximum }
        let seconds = Double(latency.components.seconds) + Double(latency.components.attoseconds) / 1e18
        let requests = rate * seconds
        guard requests.isFinite, requests < Double(maximum * max(1, requestsPerPage)) else { return maximum }
        let pages = Int((requests / Double(max(1, requestsPerPage))).rounded(.up)) + 1
        return min(maximum, max(1, pages))
    }
}
