import BigCommerceAPI
import SyncStore

/// How a reindex splits the product id space into ranges crawled side by side, and how the checkpoints of an
/// interrupted run map onto them.
///
/// Ranges cover every id from 0 up: the last is open-ended, so products created while the crawl runs (BigCommerce
/// gives them higher ids) are read too. A range's width is a whole number of pages at the catalog's average id
/// density, so a range of contiguous ids ends on a full page instead of costing a request for a few products.
enum CrawlPlan {
    /// Ranges for a catalog of `bounds`, read `pageSize` products a page, for at most `maximumInFlight` ranges at once.
    ///
    /// About two ranges per range in flight: enough that ranges which finish early leave others to take their
    /// place, few enough that the partial last page of each range costs little (under a quota every request counts).
    static func ranges(bounds: ProductIDBounds, pageSize: Int, maximumInFlight: Int) -> [CrawlRange] {
        guard let first = bounds.first, let last = bounds.last, bounds.total > 0, last > first else {
            return [CrawlRange(first: 0, last: .max)]
        }
        let pages = (bounds.total + pageSize - 1) / pageSize
        let wanted = max(1, min(2 * maximumInFlight, pages / 2))
        let pagesPerRange = (pages + wanted - 1) / wanted
        let span = Double(last - first + 1)
        let width = max(1, Int((span * Double(pagesPerRange * pageSize) / Double(bounds.total)).rounded(.up)))
        var ranges: [CrawlRange] = []
        var start = first
        while start <= last, ranges.count < wanted - 1 {
            let end = start + width - 1
            if end >= last { break }
            ranges.append(CrawlRange(first: ranges.isEmpty ? 0 : start, last: end))
            start = end + 1
        }
        ranges.append(CrawlRange(first: ranges.isEmpty ? 0 : start, last: .max))
        return ranges
    }

    /// How a crawl of a catalog of `bounds` splits a range when its readers run out of work (nil for an empty catalog):
    /// ids per page at the catalog's average density, and the highest id as where the open-ended range is thought to end.
    static func splitting(bounds: ProductIDBounds, pageSize: Int) -> RangeSplitting? {
        guard let first = bounds.first, let last = bounds.last, bounds.total > 0 else { return nil }
        let span = Double(last - first + 1)
        let idsPerPage = max(1, Int((span * Double(pageSize) / Double(bounds.total)).rounded(.up)))
        return RangeSplitting(ceiling: last, idsPerPage: idsPerPage)
    }

    /// The ranges of a resumed crawl: the ranges of the first checkpoint that has some (or one range of all ids),
    /// each storefront's progress mapped onto them.
    /// - Returns: the plan and, per checkpoint (in order, nil for a storefront without one), its ranges' progress.
    static func resume(_ checkpoints: [CrawlCheckpoint?]) -> (plan: [CrawlRange], progress: [[CrawlRange]]) {
        let plan = checkpoints.lazy.compactMap { $0?.ranges }.first { !$0.isEmpty }?
            .map { CrawlRange(first: $0.first, last: $0.last) } ?? [CrawlRange(first: 0, last: .max)]
        let progress = checkpoints.map { checkpoint in
            plan.map { range in
                var range = range
                if let checkpoint { range.after = handled(in: range, by: checkpoint) }
                return range
            }
        }
        return (plan, progress)
    }

    /// The highest id up to which `checkpoint` handled every id of `range` from its start.
    static func handled(in range: CrawlRange, by checkpoint: CrawlCheckpoint) -> Int {
        var done: [ClosedRange<Int>] = checkpoint.ranges.compactMap { $0.after >= $0.first ? $0.first...$0.after : nil }
        if checkpoint.lastProductID >= 0 { done.append(0...checkpoint.lastProductID) }
        done.sort { $0.lowerBound < $1.lowerBound }
        var after = range.first - 1
        for interval in done where interval.lowerBound <= after + 1 && interval.upperBound > after {
            after = interval.upperBound
            if after >= range.last { return range.last }
        }
        return after
    }

    /// The highest id below which every range is complete (a checkpoint's `lastProductID`).
    static func completePrefix(_ ranges: [CrawlRange]) -> Int {
        var prefix = 0
        for range in ranges.sorted(by: { $0.first < $1.first }) {
            guard range.first <= prefix + 1 else { break }
            prefix = max(prefix, range.after)
            guard range.isComplete else { break }
        }
        return prefix
    }
}
