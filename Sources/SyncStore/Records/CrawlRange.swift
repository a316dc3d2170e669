/// One range of product ids of a reindex's crawl and how far it got: the crawl splits the id space into ranges
/// read side by side, each in id order.
public struct CrawlRange: Sendable, Codable, Hashable {
    /// The lowest id of the range.
    public var first: Int
    /// The highest id of the range (inclusive); `Int.max` for the last range, which also holds products created
    /// while the crawl runs.
    public var last: Int
    /// The highest id handled: every product of the range up to it was processed. `first - 1` before the first
    /// page; `last` once the range is complete.
    public var after: Int

    /// Creates a range; `after` defaults to nothing handled yet.
    public init(first: Int, last: Int, after: Int? = nil) {
        self.first = first
        self.last = last
        self.after = after ?? (first - 1)
    }

    /// Whether every product of the range was handled.
    public var isComplete: Bool { after >= last }

    /// Whether `id` lies in the range.
    public func contains(_ id: Int) -> Bool { id >= first && id <= last }
}
