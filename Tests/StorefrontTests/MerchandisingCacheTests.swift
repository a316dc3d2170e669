import CatalogMapping
import Foundation
import StorefrontRegistry
import Synchronization
import Testing

@testable import Storefront

/// The merchant's search settings are read once per channel, again in the background after the TTL, and the
/// last known ones are kept when a read fails.
@Suite struct MerchandisingCacheTests {
    /// A clock the test moves.
    final class Clock: Sendable {
        let time = Mutex(Date(timeIntervalSince1970: 1_000_000))
        func advance(_ seconds: TimeInterval) { time.withLock { $0 += seconds } }
        var now: @Sendable () -> Date { { self.time.withLock { $0 } } }
    }

    func settings(_ sort: SearchSort, brandName: String = "Brand") -> MerchandisingSettings {
        MerchandisingSettings(
            storeFilters: [ProductFilterSetting(type: "brand", sourceName: "brand", displayName: brandName)],
            defaultSortName: sort.rawValue, filteringEnabled: true)
    }

    /// Polls `condition` until it holds or 10 seconds pass (the background read is a separate task).
    func eventually(_ condition: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            await Task.yield()
        }
        return false
    }

    /// A source whose reads wait until the test releases them.
    final class SlowSource: MerchandisingSource {
        let reads = Mutex(0)
        let gate = AsyncStream<Void>.makeStream()

        func merchandisingSettings(channelID: Int) async throws -> MerchandisingSettings {
            reads.withLock { $0 += 1 }
            for await _ in gate.stream { break }
            return MerchandisingSettings(
                storeFilters: [ProductFilterSetting(type: "brand", sourceName: "brand", displayName: "Maker")],
                defaultSortName: "newest", filteringEnabled: true)
        }
    }

    @Test func aChannelsFirstReadIsSharedAndSearchesDoNotWaitForItLong() async {
        let source = SlowSource()
        let cache = MerchandisingCache(source: source, firstReadWait: .milliseconds(50))
        let answers = await withTaskGroup(of: SearchMerchandising.self) { group in
            for _ in 0..<20 { group.addTask { await cache.merchandising(channelID: 1, categoryID: nil) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.allSatisfy { $0.facets.isEmpty }, "answered without facets while BigCommerce is slow")
        #expect(source.reads.withLock { $0 } == 1, "one read for all of them")
        source.gate.continuation.yield()
        #expect(await eventually { await cache.merchandising(channelID: 1, categoryID: nil).facets.map(\.name) == ["Maker"] })
        #expect(source.reads.withLock { $0 } == 1)
    }

    @Test func settingsAreKeptForTheTTLThenReadAgainInTheBackground() async {
        let source = StubMerchandising()
        source.state.withLock { $0.settings = settings(.featured) }
        let clock = Clock()
        let cache = MerchandisingCache(source: source, ttl: 300, now: clock.now)
        #expect(await cache.merchandising(channelID: 1, categoryID: nil).defaultSort == .featured)
        source.state.withLock { $0.settings = self.settings(.newest, brandName: "Maker") }
        clock.advance(299)
        #expect(await cache.merchandising(channelID: 1, categoryID: 5).defaultSort == .featured)
        #expect(source.state.withLock { $0.reads } == 1)
        clock.advance(2)
        #expect(await cache.merchandising(channelID: 1, categoryID: nil).defaultSort == .featured, "stale, while the read runs")
        #expect(await eventually { await cache.merchandising(channelID: 1, categoryID: nil).facets.map(\.name) == ["Maker"] })
        #expect(source.state.withLock { $0.reads } == 2)
    }

    @Test func aFailedReadKeepsTheLastKnownSettingsAndIsRetriedLater() async {
        let source = StubMerchandising()
        source.state.withLock { $0.settings = settings(.alphaasc) }
        let clock = Clock()
        let cache = MerchandisingCache(source: source, ttl: 300, retryAfterFailure: 30, now: clock.now)
        _ = await cache.settings(channelID: 1)
        source.state.withLock { $0.failing = true }
        clock.advance(301)
        #expect(await cache.merchandising(channelID: 1, categoryID: nil).defaultSort == .alphaasc)
        #expect(await eventually { source.state.withLock { $0.reads } == 2 })
        clock.advance(10)
        #expect(await cache.merchandising(channelID: 1, categoryID: nil).defaultSort == .alphaasc)
        source.state.withLock { $0.failing = false; $0.settings = self.settings(.pricedesc) }
        clock.advance(10)
        _ = await cache.settings(channelID: 1)
        #expect(source.state.withLock { $0.reads } == 2, "not read again before retryAfterFailure")
        clock.advance(11)
        #expect(await eventually { await cache.merchandising(channelID: 1, categoryID: nil).defaultSort == .pricedesc })
    }

    @Test func aChannelNeverReadIsReadFirstAndWithoutBigCommerceHasNoFacets() async {
        let source = StubMerchandising()
        source.state.withLock { $0.failing = true }
        let cache = MerchandisingCache(source: source)
        let merchandising = await cache.merchandising(channelID: 2, categoryID: 7)
        #expect(merchandising.facets.isEmpty && merchandising.defaultSort == .bestselling)
        source.state.withLock { $0.failing = false; $0.settings = self.settings(.newest) }
        _ = await cache.settings(channelID: 2)
        #expect(source.state.withLock { $0.reads } == 1, "a failed first read is retried only after retryAfterFailure")
    }
}
