import BigCommerceAPI
import CatalogMapping
import Foundation
import StorefrontRegistry
import SyncStore

/// Reads the product pages of a crawl's ranges side by side, each range in id order by keyset paging
/// (`id:greater` the last id read, `id:max` the range's end), all through the client's one rate governor.
///
/// Keyset paging chains a range's reads (a page's last id starts the next), so one range alone waits on BigCommerce's
/// response time; several ranges keep the quota busy instead. How many pages are read at once follows
/// ``CrawlConcurrency`` after every page; ranges take turns for those reads, so they advance together and finish
/// close to one another.
///
/// A page's price-list records and translations are read once its product ids are known, beside the range's next
/// page. A page is delivered as soon as it is complete, in id order within its range but whichever range completes
/// first, so a page waiting for its prices holds back only the later pages of its own range. At most `buffered` read
/// pages are being completed or wait for the reindex to process them, which keeps memory flat whatever the
/// catalog's size.
///
/// A reader whose range ends while fewer ranges than pages wanted at once are left takes over the second half of the
/// range with the most left (``RangeBoard``), so pages stay in flight to the end of the crawl.
///
/// A range whose page still fails after the reader's retries stops there and reports it; the other ranges go on.
final class RangeCrawl: Sendable {
    /// What the crawl delivers, in order within each range.
    enum Event: Sendable {
        /// The next page of range `range` (an index into the ranges given), with its variants, prices and translations.
        case page(range: Int, LoadedPage)
        /// Range `range` stopped: its next page after `after` could not be read or completed.
        case failed(range: Int, after: Int, any Error)
        /// Range `range` now ends at id `at`; a new range `into` (the next index) takes the ids after it up to the
        /// range's former end, none of them read yet. Comes before any page of either read under the new ends.
        case split(range: Int, at: Int, into: Int)
    }

    /// A read page of a range to complete with its prices and translations, and deliver in its range's order.
    private struct Completion: Sendable {
        var range: Int
        /// Where the page's read started (the range's last id read before it).
        var after: Int
        var page: ProductPage
        var order: RangeOrder
        var turn: Int
    }

    private let stream: AsyncStream<Event>
    private let producer: Task<Void, Never>
    private let slots: Permits
    private let buffer: Permits

    /// Starts reading the incomplete `ranges` from their `after` ids, the pages' price-list records those of
    /// `priceKeys`, with `concurrency`'s target of page reads at once.
    convenience init(
        reader: CatalogReader, ranges: [CrawlRange], splitting: RangeSplitting? = nil, priceKeys: Set<PriceKey>,
        locales: Set<TranslationLocale> = [],
        concurrency: CrawlConcurrency, buffered: Int
    ) {
        let governor = reader.client.rateGovernor
        self.init(
            reader: reader, ranges: ranges, splitting: splitting, priceKeys: { priceKeys }, locales: { locales },
            target: { concurrency.target(await governor.outlook) }, maximum: concurrency.maximum, buffered: buffered)
    }

    /// Starts reading the incomplete `ranges` from their `after` ids. `priceKeys` gives the price lists whose
    /// records each page needs and `locales` the channel locales whose translations it needs (both awaited only once
    /// a page is read, so the crawl may start before the storefronts are resolved); `target` how many pages to read
    /// at once now (asked after every page, at most `maximum`). A reader whose range ends takes over half of another
    /// as `splitting` says (nil: never).
    init(
        reader: CatalogReader, ranges: [CrawlRange], splitting: RangeSplitting?,
        priceKeys: @escaping @Sendable () async throws -> Set<PriceKey>,
        locales: @escaping @Sendable () async throws -> Set<TranslationLocale> = { [] },
        target: @escaping @Sendable () async -> Int, maximum: Int, buffered: Int
    ) {
        let slots = Permits(maximum)
        let buffer = Permits(max(buffered, maximum))
        self.slots = slots
        self.buffer = buffer
        let (stream, continuation) = AsyncStream.makeStream(of: Event.self)
        self.stream = stream
        let board = RangeBoard(ranges, splitting: splitting, continuation: continuation)
        let adjust: @Sendable () async -> Void = { await slots.resize(min(maximum, await target())) }
        producer = Task {
            let (completions, completing) = AsyncStream.makeStream(of: Completion.self)
            await withTaskGroup(of: Void.self) { group in
                // Completing pages is a task group of its own so that a reader goes on to its range's next page (or
                // another range) without waiting for the pages it read; cancelling the crawl cancels both.
                group.addTask {
                    await withTaskGroup(of: Void.self) { pending in
                        for await completion in completions {
                            pending.addTask {
                                await Self.complete(
                                    completion, reader: reader, priceKeys: priceKeys, locales: locales, board: board,
                                    continuation: continuation)
                            }
                        }
                    }
                }
                group.addTask {
                    await withTaskGroup(of: Void.self) { readers in
                        for (index, range) in ranges.enumerated() where !range.isComplete {
                            readers.addTask {
                                var next: (index: Int, after: Int)? = (index, range.after)
                                while let current = next, !Task.isCancelled {
                                    let finished = await Self.crawl(
                                        current.index, after: current.after, board: board, reader: reader, slots: slots,
                                        buffer: buffer, adjust: adjust, completing: completing, continuation: continuation)
                                    guard finished, !Task.isCancelled, let taken = await board.split(wanted: await slots.limit)
                                    else { return }
                                    next = (taken, await board.start(of: taken))
                                }
                            }
                        }
                    }
                    completing.finish()
                }
            }
            continuation.finish()
        }
    }

    /// The pages as they are completed, and the ranges that stopped; ends when every range ended.
    func events() -> AsyncStream<Event> { stream }

    /// Frees the place of a delivered page or failure (call once it is processed).
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

    /// Stops reading and waits until no read or completion of the crawl is left running.
    func stop() async {
        cancel()
        await producer.value
    }

    /// Reads range `index` from `after` to its end (which a split may lower meanwhile), handing each page to
    /// `completing`.
    /// - Returns: whether the range was read to its end (false when it stopped or the crawl was cancelled).
    private static func crawl(
        _ index: Int, after start: Int, board: RangeBoard, reader: CatalogReader, slots: Permits, buffer: Permits,
        adjust: @Sendable () async -> Void, completing: AsyncStream<Completion>.Continuation,
        continuation: AsyncStream<Event>.Continuation
    ) async -> Bool {
        let order = RangeOrder()
        var turn = 0
        var after = start
        /// Stops the range with `error`, reported after the pages read before it.
        func fail(_ error: any Error) async {
            await board.stop(index)
            await order.wait(for: turn)
            continuation.yield(.failed(range: index, after: after, error))
            await order.pass()
        }
        while !Task.isCancelled {
            await buffer.acquire()
            await slots.acquire()
            let last = await board.end(of: index)
            let page: ProductPage
            do {
                page = try await reader.page(after: after, through: last == .max ? nil : last)
            } catch {
                await slots.release()
                if Task.isCancelled {
                    await board.stop(index)
                    await buffer.release()
                } else {
                    await fail(error)
                }
                return false
            }
            await slots.release()
            let ids = page.products.map(\.id) + page.malformed.compactMap(\.id)
            if let stray = ids.first(where: { $0 <= after || $0 > last }) {
                await fail(RangeCrawlError.outsideRange(id: stray, after: after, last: last))
                return false
            }
            if !page.isLast, page.lastID == nil {
                await fail(RangeCrawlError.pageWithoutIDs(after: after))
                return false
            }
            let settled = await board.settle(index, ids: ids, isLast: page.isLast)
            let kept = ids.contains(where: { $0 > settled.through }) ? page.trimmed(through: settled.through) : page
            completing.yield(Completion(range: index, after: after, page: kept, order: order, turn: turn))
            turn += 1
            await adjust()
            guard !settled.isLast, let lastID = kept.lastID else { return true }
            after = lastID
        }
        return false
    }

    /// Reads `completion`'s prices and translations and delivers the page in its range's order; a page that cannot
    /// be completed stops its range.
    private static func complete(
        _ completion: Completion, reader: CatalogReader, priceKeys: @Sendable () async throws -> Set<PriceKey>,
        locales: @Sendable () async throws -> Set<TranslationLocale>, board: RangeBoard,
        continuation: AsyncStream<Event>.Continuation
    ) async {
        let event: Event
        do {
            let loaded = try await reader.complete(completion.page, priceKeys: try await priceKeys(), locales: try await locales())
            event = .page(range: completion.range, loaded)
        } catch {
            await board.stop(completion.range)
            event = .failed(range: completion.range, after: completion.after, error)
        }
        await completion.order.wait(for: completion.turn)
        continuation.yield(event)
        await completion.order.pass()
    }
}

/// The order in which a range's pages are delivered: each page's turn comes once the pages read before it in the
/// range were delivered, whichever was completed first.
///
/// A cancelled wait returns at once: a cancelled crawl may leave earlier pages never completed (their completions
/// still queued when the completing loop ended), and nothing reads its events any more.
actor RangeOrder {
    private var current = 0
    private var waiting: [Int: CheckedContinuation<Void, Never>] = [:]

    /// Returns once `turn` is the next to deliver, or the task is cancelled.
    func wait(for turn: Int) async {
        guard turn > current, !Task.isCancelled else { return }
        await withTaskCancellationHandler {
            await withCheckedContinuation { waiting[turn] = $0 }
        } onCancel: {
            Task { await self.release(turn) }
        }
    }

    /// Ends the current turn, waking the next if it waits.
    func pass() {
        current += 1
        waiting.removeValue(forKey: current)?.resume()
    }

    private func release(_ turn: Int) {
        waiting.removeValue(forKey: turn)?.resume()
    }
}

extension ProductPage {
    /// The page without the products after `through`, as the last page of a range that a split ended at `through`.
    func trimmed(through: Int) -> ProductPage {
        let products = products.filter { $0.id <= through }
        let malformed = malformed.filter { ($0.id ?? through) <= through }
        let lastID = (products.map(\.id) + malformed.compactMap(\.id)).max()
        return ProductPage(products: products, malformed: malformed, lastID: lastID, isLast: true, total: total)
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
