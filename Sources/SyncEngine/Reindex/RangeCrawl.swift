import BigCommerceAPI
import CatalogMapping
import Foundation
import SyncStore

/// Reads the product pages of a crawl's ranges side by side, each range in id order by keyset paging
/// (`id:greater` the last id read, `id:max` the range's end), all through the client's one rate governor.
///
/// Keyset paging chains a range's reads (a page's last id starts the next), so one range alone waits on BigCommerce's
/// response time; several ranges keep the quota busy instead. How many pages are read at once follows
/// ``CrawlConcurrency`` after every page; ranges take turns for those reads, so they advance together and finish
/// close to one another. A page's price-list records are read beside the range's next page. At most `buffered`
/// read pages wait for the reindex to process them, which keeps memory flat whatever the catalog's size.
///
/// A range whose page still fails after the reader's retries stops there and reports it; the other ranges go on.
final class RangeCrawl: Sendable {
    /// What the crawl delivers, in order within each range.
    enum Event: Sendable {
        /// The next page of range `range` (an index into the ranges given), completing its variants and prices.
        case page(range: Int, Task<LoadedPage, any Error>)
        /// Range `range` stopped: its next page after `after` could not be read.
        case failed(range: Int, after: Int, any Error)
    }

    private let stream: AsyncStream<Event>
    private let producer: Task<Void, Never>
    private let slots: Permits
    private let buffer: Permits

    /// Starts reading the incomplete `ranges` from their `after` ids, the pages' price-list records those of
    /// `priceKeys`, with `concurrency`'s target of page reads at once.
    convenience init(
        reader: CatalogReader, ranges: [CrawlRange], priceKeys: Set<PriceKey>, concurrency: CrawlConcurrency, buffered: Int
    ) {
        let governor = reader.client.rateGovernor
        self.init(
            reader: reader, ranges: ranges, priceKeys: { priceKeys }, target: { concurrency.target(await governor.outlook) },
            maximum: concurrency.maximum, buffered: buffered)
    }

    /// Starts reading the incomplete `ranges` from their `after` ids. `priceKeys` gives the price lists whose
    /// records each page needs (awaited only once a page is read); `target` how many pages to read at once now
    /// (asked after every page, at most `maximum`).
    init(
        reader: CatalogReader, ranges: [CrawlRange], priceKeys: @escaping @Sendable () async throws -> Set<PriceKey>,
        target: @escaping @Sendable () async -> Int, maximum: Int, buffered: Int
    ) {
        let slots = Permits(maximum)
        let buffer = Permits(max(buffered, maximum))
        self.slots = slots
        self.buffer = buffer
        let (stream, continuation) = AsyncStream.makeStream(of: Event.self)
        self.stream = stream
        let adjust: @Sendable () async -> Void = { await slots.resize(min(maximum, await target())) }
        producer = Task {
            await adjust()
            await withTaskGroup(of: Void.self) { group in
                for (index, range) in ranges.enumerated() where !range.isComplete {
                    group.addTask {
                        await Self.crawl(
                            range, index: index, reader: reader, priceKeys: priceKeys, slots: slots, buffer: buffer,
                            adjust: adjust, continuation: continuation)
                    }
                }
            }
            continuation.finish()
        }
    }

    /// The pages as they are read, and the ranges that stopped; ends when every range ended.
    func events() -> AsyncStream<Event> { stream }

    /// Frees the place of a delivered event (call once it is processed).
    func consumed() async { await buffer.release() }

    /// Pages being read now.
    func readsInFlight() async -> Int { await slots.inUse }

    /// Stops reading, waking ranges that wait for a turn or a place.
    func cancel() {
        producer.cancel()
        let (slots, buffer) = (self.slots, self.buffer)
        Task {
            await slots.open()
            await buffer.open()
        }
    }

    private static func crawl(
        _ range: CrawlRange, index: Int, reader: CatalogReader, priceKeys: @escaping @Sendable () async throws -> Set<PriceKey>,
        slots: Permits, buffer: Permits,
        adjust: @Sendable () async -> Void, continuation: AsyncStream<Event>.Continuation
    ) async {
        var after = range.after
        let through = range.last == .max ? nil : range.last
        while !Task.isCancelled {
            await buffer.acquire()
            await slots.acquire()
            let page: ProductPage
            do {
                page = try await reader.page(after: after, through: through)
            } catch {
                await slots.release()
                if Task.isCancelled {
                    await buffer.release()
                } else {
                    continuation.yield(.failed(range: index, after: after, error))
                }
                return
            }
            await slots.release()
            let ids = page.products.map(\.id) + page.malformed.compactMap(\.id)
            if let stray = ids.first(where: { $0 <= after || $0 > range.last }) {
                continuation.yield(.failed(range: index, after: after, RangeCrawlError.outsideRange(
                    id: stray, after: after, last: range.last)))
                return
            }
            if !page.isLast, page.lastID == nil {
                continuation.yield(.failed(range: index, after: after, RangeCrawlError.pageWithoutIDs(after: after)))
                return
            }
            let loaded = Task {
                let products = try await reader.sourceProducts(page.products)
                let prices = try await reader.priceRecords(productIDs: page.products.map(\.id), keys: try await priceKeys())
                return LoadedPage(page: page, products: products, prices: prices)
            }
            continuation.yield(.page(range: index, loaded))
            await adjust()
            guard !page.isLast, let last = page.lastID else { return }
            after = last
        }
    }
}

/// A range's page that BigCommerce answered but that cannot be trusted to continue from.
enum RangeCrawlError: Error, CustomStringConvertible {
    /// A product outside the range asked for: the filters did not hold, so the range's order cannot be relied on.
    case outsideRange(id: Int, after: Int, last: Int)
    /// A page, not the last, without any product id to continue after.
    case pageWithoutIDs(after: Int)

    var description: String {
        switch self {
        case .outsideRange(let id, let after, let last):
            "BigCommerce returned product \(id) for ids after \(after) up to \(last == .max ? "the end" : String(last))"
        case .pageWithoutIDs:
            "BigCommerce returned a page without any product id"
        }
    }
}
