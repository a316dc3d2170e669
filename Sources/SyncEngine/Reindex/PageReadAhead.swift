import CatalogMapping
import Foundation
import StorefrontRegistry

/// Reads product pages ahead of the reindex, in order, at most `depth` pages beyond the one being processed.
///
/// Keyset paging chains the page reads (a page's last id starts the next), so the chain is kept moving on
/// its own: as soon as a page is decoded the next page is requested, while that page's price-list records
/// are read beside it. Measured against the sandbox, a reindex otherwise spent two thirds of its time
/// waiting for the next page. A window of permits bounds memory.
final class PageReadAhead: Sendable {
    private let window: PermitWindow
    private let stream: AsyncStream<Result<Task<LoadedPage, any Error>, any Error>>
    private let producer: Task<Void, Never>

    init(reader: CatalogReader, priceKeys: Set<PriceKey>, locales: Set<TranslationLocale> = [], after cursor: Int, depth: Int = 3) {
        let window = PermitWindow(permits: depth)
        self.window = window
        let (stream, continuation) = AsyncStream.makeStream(of: Result<Task<LoadedPage, any Error>, any Error>.self)
        self.stream = stream
        producer = Task {
            var after = cursor
            while true {
                await window.acquire()
                if Task.isCancelled { break }
                do {
                    let page = try await reader.page(after: after)
                    let loaded = Task {
                        let products = try await reader.sourceProducts(page.products)
                        let prices = try await reader.priceRecords(productIDs: page.products.map(\.id), keys: priceKeys)
                        let translations = try await reader.translations(productIDs: page.products.map(\.id), locales: locales)
                        return LoadedPage(page: page, products: products, prices: prices, translations: translations)
                    }
                    continuation.yield(.success(loaded))
                    guard !page.isLast, let last = page.lastID else { break }
                    after = last
                } catch {
                    continuation.yield(.failure(error))
                    break
                }
            }
            continuation.finish()
        }
    }

    /// The pages in order, each still completing its variants and prices; a failed read ends the sequence.
    func pages() -> AsyncStream<Result<Task<LoadedPage, any Error>, any Error>> { stream }

    /// Lets the reader go one page further (call after a page is processed).
    func consumed() async { await window.release() }

    /// Stops reading, waking the reader if it waits for a permit.
    func cancel() {
        producer.cancel()
        let window = self.window
        Task { await window.releaseAll() }
    }
}

/// A counting semaphore for tasks.
private actor PermitWindow {
    private var permits: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(permits: Int) { self.permits = permits }

    func acquire() async {
        if permits > 0 {
            permits -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            permits += 1
        } else {
            waiting.removeFirst().resume()
        }
    }

    func releaseAll() {
        permits = Int.max / 2
        for waiter in waiting { waiter.resume() }
        waiting.removeAll()
    }
}
