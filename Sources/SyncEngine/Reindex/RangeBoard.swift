import SyncStore

/// Where each range of a crawl ends now and how far it was read, so a reader that finished its range can take over
/// the second half of the range with the most left (work stealing) instead of leaving the crawl's tail to a few ranges.
///
/// A split is announced on the crawl's events (``RangeCrawl/Event/split(range:at:into:)``) inside the same step that
/// makes it, so the reindex learns of it before any page read under the range's new end.
actor RangeBoard {
    private struct Entry {
        /// The range's last id now (lowered by a split).
        var last: Int
        /// The highest id read in the range.
        var read: Int
        /// Whether the range needs no more reads (its last page read, or it stopped).
        var done: Bool
    }

    private var entries: [Entry]
    private let splitting: RangeSplitting?
    private let continuation: AsyncStream<RangeCrawl.Event>.Continuation

    /// A board of `ranges`, splitting them as `splitting` says (never when nil), announcing splits on `continuation`.
    init(_ ranges: [CrawlRange], splitting: RangeSplitting?, continuation: AsyncStream<RangeCrawl.Event>.Continuation) {
        entries = ranges.map { Entry(last: $0.last, read: $0.after, done: $0.isComplete) }
        self.splitting = splitting
        self.continuation = continuation
    }

    /// The ranges' count (each split adds one).
    var count: Int { entries.count }

    /// The last id of range `index` now.
    func end(of index: Int) -> Int { entries[index].last }

    /// The highest id read in range `index`: where its next read starts.
    func start(of index: Int) -> Int { entries[index].read }

    /// Takes range `index`'s page of product `ids` (read with `isLast` as BigCommerce said): the range's end now, and
    /// whether the page ends the range (the last one, one reaching past an end lowered by a split while it was read, or
    /// one of a range stopped meanwhile because an earlier page of it could not be completed).
    func settle(_ index: Int, ids: [Int], isLast: Bool) -> (through: Int, isLast: Bool) {
        let through = entries[index].last
        let last = isLast || entries[index].done || ids.contains { $0 > through }
        if last {
            entries[index].read = through
            entries[index].done = true
        } else if let highest = ids.max() {
            entries[index].read = max(entries[index].read, highest)
        }
        return (through, last)
    }

    /// Marks range `index` as needing no more reads (it stopped).
    func stop(_ index: Int) {
        entries[index].done = true
    }

    /// Splits the range with the most ids left when fewer than `wanted` ranges are still read and it has at least two
    /// pages' worth left: the range keeps its next page (perhaps being read) and half of the rest, a new range (whose
    /// index is returned) the other half, with nothing of it read.
    func split(wanted: Int) -> Int? {
        guard let splitting else { return nil }
        let active = entries.indices.filter { !entries[$0].done }
        guard active.count < wanted else { return nil }
        func left(_ entry: Entry) -> Int { min(entry.last, max(splitting.ceiling, entry.read)) - entry.read }
        guard let victim = active.max(by: { left(entries[$0]) < left(entries[$1]) }) else { return nil }
        let entry = entries[victim]
        let remaining = left(entry)
        guard remaining >= 2 * splitting.idsPerPage else { return nil }
        let at = entry.read + splitting.idsPerPage + (remaining - splitting.idsPerPage) / 2
        entries[victim].last = at
        entries.append(Entry(last: entry.last, read: at, done: false))
        continuation.yield(.split(range: victim, at: at, into: entries.count - 1))
        return entries.count - 1
    }
}

/// How a crawl splits its ranges when readers run out of work.
struct RangeSplitting: Sendable, Equatable {
    /// The highest product id known when the crawl was planned: how far the open-ended last range is thought to go.
    var ceiling: Int
    /// How many ids a page of products spans at the catalog's average density.
    var idsPerPage: Int
}
