/// A snapshot of a running reindex, sent after every page.
public struct ReindexProgress: Sendable {
    /// Products crawled so far in this invocation (every storefront shares one crawl).
    public var productsCrawled: Int
    /// Products the store holds beyond the resume point, when BigCommerce reported it.
    public var productsTotal: Int?
    /// Documents pushed to Clerk so far, all storefronts together.
    public var pushed: Int
    /// Documents that failed so far, all storefronts together.
    public var failed: Int
    /// Seconds since the reindex started.
    public var elapsed: Double

    /// Creates a snapshot.
    public init(productsCrawled: Int, productsTotal: Int?, pushed: Int, failed: Int, elapsed: Double) {
        self.productsCrawled = productsCrawled
        self.productsTotal = productsTotal
        self.pushed = pushed
        self.failed = failed
        self.elapsed = elapsed
    }
}
