/// A snapshot of a running reindex, sent after every page.
public struct ReindexProgress: Sendable {
    /// Products crawled so far in this invocation (every storefront shares one crawl).
    public var productsCrawled: Int
    /// Products the store holds, when known (a fresh run learns it from BigCommerce; a resumed one does not).
    public var productsTotal: Int?
    /// Documents pushed to Clerk so far, all storefronts together.
    public var pushed: Int
    /// Documents that failed so far, all storefronts together.
    public var failed: Int
    /// Seconds since the reindex started.
    public var elapsed: Double
    /// Product pages being read from BigCommerce now (one per range in flight).
    public var pagesInFlight: Int
    /// BigCommerce requests sent and not yet answered now (pages, price-list records, variants).
    public var requestsInFlight: Int

    /// Creates a snapshot.
    public init(
        productsCrawled: Int, productsTotal: Int?, pushed: Int, failed: Int, elapsed: Double, pagesInFlight: Int = 0,
        requestsInFlight: Int = 0
    ) {
        self.productsCrawled = productsCrawled
        self.productsTotal = productsTotal
        self.pushed = pushed
        self.failed = failed
        self.elapsed = elapsed
        self.pagesInFlight = pagesInFlight
        self.requestsInFlight = requestsInFlight
    }
}
