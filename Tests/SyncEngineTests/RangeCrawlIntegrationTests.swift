import BigCommerceAPI
import Foundation
import Sandbox
import StorefrontRegistry
import SyncStore
import Testing

@testable import SyncEngine

/// The crawl split into id ranges read side by side, over the real HTTP stack against the sandbox.
@Suite("ranged crawl against the sandbox", .serialized)
struct RangeCrawlIntegrationTests {
    @Test func everyProductIsReadExactlyOnceWhileProductsAreCreatedAndDeleted() async throws {
        let harness = try await Harness.start(products: 3_000)
        let reader = harness.reader
        let store = harness.sandbox.store
        let initial = Set(store.allProducts().map(\.id))
        let plan = CrawlPlan.ranges(bounds: try await reader.productIDBounds(), pageSize: 250, maximumInFlight: 4)
        #expect(plan.count == 6)
        // Deleted while the crawl runs: the last product of every range (each range's last page is read later).
        let doomed = plan.dropLast().map { range in initial.filter(range.contains).max()! } + [initial.max()!]
        let crawl = RangeCrawl(
            reader: reader, ranges: plan, priceKeys: [], concurrency: CrawlConcurrency(maximum: 4, requestsPerPage: 1),
            buffered: 4)
        defer { crawl.cancel() }
        var read: [Int] = []
        var created: [Int] = []
        var pagesByRange: [Int: Int] = [:]
        for await event in crawl.events() {
            switch event {
            case .page(let range, let loaded):
                let page = loaded.page
                read += page.products.map(\.id)
                pagesByRange[range, default: 0] += 1
                if created.isEmpty {
                    for id in doomed { #expect(store.deleteProduct(id: id)) }
                    let template = try #require(store.product(id: initial.min()!))
                    for index in 0..<300 {
                        var product = template
                        product.id = 0
                        product.name = "Brand-new lamp \(index)"
                        created.append(store.addProduct(product).id)
                    }
                }
            case .failed(let range, _, let error):
                Issue.record("range \(range) failed: \(error)")
            case .split(let range, let at, _):
                Issue.record("range \(range) split at \(at) in a crawl that does not split")
            }
            await crawl.consumed()
        }
        #expect(read.count == Set(read).count, "a product was read twice")
        let survivors = initial.subtracting(doomed).union(created)
        #expect(Set(read) == survivors)
        #expect(pagesByRange.count == plan.count)
        await harness.shutdown()
    }

    @Test func anInterruptedRunResumesEveryRangeFromItsCheckpoint() async throws {
        let harness = try await Harness.start(products: 3_000)
        harness.sandbox.bigCommerceFaults.configure { $0.latency = .milliseconds(20) }
        let targets = try await harness.targets()
        let reindexer = Self.reindexer(harness)
        await Self.interrupt(reindexer, targets, afterPages: 4)

        let checkpoint = try #require(try await harness.store.checkpoint(storefront: targets[0].name))
        let ranges = checkpoint.ranges
        #expect(ranges.count == 6)
        #expect(ranges.filter { $0.after >= $0.first }.count >= 2, "several ranges advanced: \(ranges)")
        #expect(!ranges.allSatisfy { $0.isComplete })
        // Resuming reads exactly the pages after each range's checkpoint (the slowest storefront's).
        var after = ranges
        for target in targets.dropFirst() {
            let other = try #require(try await harness.store.checkpoint(storefront: target.name))
            for index in after.indices { after[index].after = min(after[index].after, other.ranges[index].after) }
        }
        let ids = harness.sandbox.store.allProducts().map(\.id)
        let expectedPages = after.filter { !$0.isComplete }.map { range in
            max(1, (ids.filter { $0 > range.after && $0 <= range.last }.count + 249) / 250)
        }.reduce(0, +)
        harness.sandbox.bigCommerceFaults.clearFaults()
        harness.sandbox.bigCommerceFaults.resetCounters()
        let resumed = try await reindexer.run(targets)
        #expect(resumed.ok, "\(resumed.storefronts.flatMap(\.failures))")
        #expect(resumed.storefronts.allSatisfy { $0.resumed })
        #expect(harness.sandbox.bigCommerceFaults.counters.requestsByRoute["GET /v3/catalog/products"] == expectedPages)
        #expect(harness.differences(targets) == [])
        #expect(try await harness.store.checkpoint(storefront: targets[0].name) == nil)
        await harness.shutdown()
    }

    @Test func aFailedPageInOneRangeDeletesNothingInAnyRange() async throws {
        let harness = try await Harness.start(products: 3_000)
        let targets = try await harness.targets()
        let reindexer = Self.reindexer(harness)
        #expect(try await reindexer.run(targets).ok)
        let ids = harness.sandbox.store.allProducts().map(\.id).sorted()
        // Gone from BigCommerce: a product of the first range and one of the last, each held by some Clerk store.
        let holdings = Dictionary(uniqueKeysWithValues: targets.map {
            ($0.name, harness.sandbox.clerkStorage.products(publicKey: $0.clerkKeys.publicKey))
        })
        let heldSomewhere = { (id: Int) in holdings.values.contains { $0[id] != nil } }
        let gone = [try #require(ids.first(where: heldSomewhere)), try #require(ids.last(where: heldSomewhere))]
        let heldBefore = holdings.mapValues { held in gone.filter { held[$0] != nil } }
        for id in gone { #expect(harness.sandbox.store.deleteProduct(id: id)) }
        // The second page of the third range keeps failing; the plan is the one this run makes, without the gone ones.
        let plan = CrawlPlan.ranges(bounds: try await harness.reader.productIDBounds(), pageSize: 250, maximumInFlight: 4)
        let third = plan[2]
        let afterFirstPage = ids.filter { third.contains($0) && !gone.contains($0) }[249]
        harness.sandbox.bigCommerceFaults.configure { $0.failingProductPages = [afterFirstPage] }

        let failed = try await reindexer.run(targets)
        #expect(!failed.ok)
        #expect(failed.storefronts.allSatisfy { !$0.crawlCompleted && $0.products.removed == 0 })
        #expect(failed.storefronts.allSatisfy { $0.failures.contains { $0.contains("after product \(afterFirstPage)") } })
        for target in targets {
            let held = harness.sandbox.clerkStorage.products(publicKey: target.clerkKeys.publicKey)
            for id in heldBefore[target.name] ?? [] {
                #expect(held[id] != nil, "\(target.name) lost product \(id) after a partial crawl")
            }
        }
        // The other ranges went to their end; the failed one stopped where its page failed.
        let checkpoint = try #require(try await harness.store.checkpoint(storefront: targets[0].name))
        #expect(checkpoint.ranges.enumerated().allSatisfy { $0.offset == 2 ? $0.element.after == afterFirstPage : $0.element.isComplete })

        harness.sandbox.bigCommerceFaults.clearFaults()
        let resumed = try await reindexer.run(targets)
        #expect(resumed.ok)
        #expect(harness.differences(targets) == [])
        await harness.shutdown()
    }

    @Test func aPageWhosePricesCannotBeReadStopsItsRangeThereAndDeletesNothing() async throws {
        let harness = try await Harness.start(products: 3_000)
        let targets = try await harness.targets()
        let reindexer = Self.reindexer(harness)
        #expect(try await reindexer.run(targets).ok)
        let ids = harness.sandbox.store.allProducts().map(\.id).sorted()
        // Gone from BigCommerce and held by a Clerk store: a completed crawl would remove it, this one must not.
        let held = { (id: Int) in targets.contains { harness.sandbox.clerkStorage.products(publicKey: $0.clerkKeys.publicKey)[id] != nil } }
        let gone = try #require(ids.last(where: held))
        #expect(harness.sandbox.store.deleteProduct(id: gone))
        // The price records of the second range's second page keep failing; its product page reads fine.
        let plan = CrawlPlan.ranges(bounds: try await harness.reader.productIDBounds(), pageSize: 250, maximumInFlight: 4)
        let second = ids.filter { plan[1].contains($0) && $0 != gone }
        harness.sandbox.bigCommerceFaults.configure { $0.failingPriceRecordProducts = [second[300]] }

        let failed = try await reindexer.run(targets)
        #expect(!failed.ok)
        #expect(failed.storefronts.allSatisfy { !$0.crawlCompleted && $0.products.removed == 0 })
        #expect(failed.storefronts.allSatisfy { $0.failures.contains { $0.contains("after product \(second[249])") } }, "\(failed.storefronts.map(\.failures))")
        #expect(held(gone), "a product was removed after a crawl whose prices were not all read")
        // Every other range went to its end; the second stopped before the page whose prices failed.
        let checkpoint = try #require(try await harness.store.checkpoint(storefront: targets[0].name))
        #expect(checkpoint.ranges.enumerated().allSatisfy { $0.offset == 1 ? $0.element.after == second[249] : $0.element.isComplete },
                "\(checkpoint.ranges)")

        harness.sandbox.bigCommerceFaults.clearFaults()
        let resumed = try await reindexer.run(targets)
        #expect(resumed.ok)
        #expect(!held(gone))
        #expect(harness.differences(targets) == [])
        await harness.shutdown()
    }

    @Test func aReaderWhoseRangeEndedTakesOverHalfOfTheLargestAndEveryProductIsReadOnce() async throws {
        let harness = try await Harness.start(products: 3_000)
        harness.sandbox.bigCommerceFaults.configure { $0.latency = .milliseconds(5) }
        let reader = harness.reader
        let ids = harness.sandbox.store.allProducts().map(\.id).sorted()
        // A short range and a long one: the short one's reader runs out of work while the long one has ten pages left.
        let cut = ids[499]
        var ranges = [CrawlRange(first: 0, last: cut), CrawlRange(first: cut + 1, last: .max)]
        let bounds = try await reader.productIDBounds()
        let crawl = RangeCrawl(
            reader: reader, ranges: ranges, splitting: CrawlPlan.splitting(bounds: bounds, pageSize: 250), priceKeys: [],
            concurrency: CrawlConcurrency(maximum: 4, requestsPerPage: 1), buffered: 4)
        defer { crawl.cancel() }
        var read: [Int] = []
        var lastPages = Set<Int>()
        for await event in crawl.events() {
            switch event {
            case .page(let range, let loaded):
                let page = loaded.page
                #expect(!lastPages.contains(range), "range \(range) read after its last page")
                let outside = page.products.map(\.id).filter { !ranges[range].contains($0) }
                #expect(outside.isEmpty, "range \(range) (\(ranges[range])) delivered \(outside.prefix(3))")
                read += page.products.map(\.id)
                if page.isLast { lastPages.insert(range) }
                await crawl.consumed()
            case .failed(let range, _, let error):
                Issue.record("range \(range) failed: \(error)")
                await crawl.consumed()
            case .split(let range, let at, let new):
                #expect(new == ranges.count)
                #expect(!lastPages.contains(range), "range \(range) split after its last page")
                #expect(at >= ranges[range].first && at < ranges[range].last)
                ranges.append(CrawlRange(first: at + 1, last: ranges[range].last, after: at))
                ranges[range].last = at
            }
        }
        #expect(ranges.count > 2, "no range was split")
        #expect(read.count == Set(read).count, "a product was read twice")
        #expect(Set(read) == Set(ids))
        #expect(lastPages == Set(ranges.indices), "every range, split or not, ended on its last page")
        // The ranges still tile every id from 0 up, as a checkpoint's ranges must for a resume.
        let tiled = ranges.sorted { $0.first < $1.first }
        #expect(tiled.first?.first == 0 && tiled.last?.last == .max)
        #expect(zip(tiled, tiled.dropFirst()).allSatisfy { $0.last &+ 1 == $1.first })
        for index in ranges.indices { ranges[index].after = ranges[index].last }
        #expect(CrawlPlan.completePrefix(ranges) == .max)
        await harness.shutdown()
    }

    @Test func aReindexThatSplitsRangesCompletesAndAnInterruptedOneResumesFromTheSplitRanges() async throws {
        let harness = try await Harness.start(products: 3_000)
        harness.sandbox.bigCommerceFaults.configure { $0.latency = .milliseconds(20) }
        // Nine of ten products gone from the lower half of the ids: ranges planned by the average density are uneven,
        // the first (one page) ends while the second has five pages left, and its reader takes over half of them.
        let ids = harness.sandbox.store.allProducts().map(\.id).sorted()
        for (position, id) in ids.prefix(1_500).enumerated() where position % 10 != 0 {
            #expect(harness.sandbox.store.deleteProduct(id: id))
        }
        let targets = try await harness.targets()
        let reindexer = Self.reindexer(harness)
        await Self.interrupt(reindexer, targets, afterPages: 4)
        for target in targets {
            let checkpoint = try #require(try await harness.store.checkpoint(storefront: target.name))
            #expect(checkpoint.ranges.count > 3, "no range was split: \(checkpoint.ranges)")
            let tiled = checkpoint.ranges.sorted { $0.first < $1.first }
            #expect(tiled.first?.first == 0 && tiled.last?.last == .max)
            #expect(zip(tiled, tiled.dropFirst()).allSatisfy { $0.last &+ 1 == $1.first }, "\(tiled)")
            #expect(checkpoint.ranges.allSatisfy { $0.after >= $0.first - 1 && $0.after <= $0.last })
        }
        harness.sandbox.bigCommerceFaults.clearFaults()
        let resumed = try await reindexer.run(targets)
        #expect(resumed.ok, "\(resumed.storefronts.flatMap(\.failures))")
        #expect(harness.differences(targets) == [])
        #expect(try await harness.store.checkpoint(storefront: targets[0].name) == nil)
        await harness.shutdown()
    }

    @Test func storefrontsThatCannotBeResolvedEndTheReindexWithoutWaitingForTheIDBounds() async throws {
        let harness = try await Harness.start(products: 100)
        // BigCommerce holds every request past the client's read timeout: an unanswered read would be tried again.
        harness.sandbox.bigCommerceFaults.configure { $0.latency = .seconds(60) }
        let products = "GET /v3/catalog/products"
        let faults = harness.sandbox.bigCommerceFaults
        struct Unresolvable: Error {}
        await #expect(throws: Unresolvable.self) {
            try await Self.reindexer(harness).run(storefronts: ["main"]) {
                // Resolving gives up once the bounds (the lowest and the highest id) were asked for.
                let deadline = ContinuousClock.now + .seconds(30)
                while faults.counters.requestsByRoute[products] ?? 0 < 2, ContinuousClock.now < deadline {
                    await Task.yield()
                }
                throw Unresolvable()
            }
        }
        // The run ended before the bounds' first try ran out: nothing was asked again.
        #expect(faults.counters.requestsByRoute[products] == 2, "\(faults.counters.requestsByRoute)")
        await harness.shutdown()
    }

    @Test func aLatencyPerItemSlowsLargePagesMore() async throws {
        var settings = BigCommerceFaultSettings()
        settings.latency = .milliseconds(100)
        settings.latencyPerItem = .microseconds(1_500)
        #expect(settings.latency(items: 250) == .milliseconds(475))
        #expect(settings.latency(items: 0) == .microseconds(101_500))
    }

    /// A reindexer over `harness` reading at most four pages at once, as the plans in these tests assume.
    private static func reindexer(_ harness: Harness) -> Reindexer {
        Reindexer(
            reader: harness.reader, writer: harness.writer, store: harness.store, options: Reindexer.Options(crawlConcurrency: 4),
            logger: harness.logger)
    }

    /// Runs `reindexer` over `targets` and cancels it once `pages` pages were processed, as a crash would stop it.
    private static func interrupt(_ reindexer: Reindexer, _ targets: [ResolvedStorefront], afterPages pages: Int) async {
        let (processed, page) = AsyncStream.makeStream(of: Int.self)
        let running = Task { try await reindexer.run(targets) { page.yield($0.productsCrawled) } }
        var iterator = processed.makeAsyncIterator()
        for _ in 0..<pages { _ = await iterator.next() }
        running.cancel()
        _ = await running.result
    }
}
