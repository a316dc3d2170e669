import CatalogMapping
import Foundation
import Synchronization
import Testing

@testable import Storefront

/// The merchant's filter settings are read again after the TTL, and the last known ones are kept when a read
/// fails.
@Suite struct MerchandisingCacheTests {
    /// A clock the test moves.
    final class Clock: Sendable {
        let time = Mutex(Date(timeIntervalSince1970: 1_000_000))
        func advance(_ seconds: TimeInterval) { time.withLock { $0 += seconds } }
        var now: @Sendable () -> Date { { self.time.withLock { $0 } } }
    }

    func merchandising(_ sort: SearchSort, brandName: String = "Brand") -> SearchMerchandising {
        SearchMerchandising(
            storeFilters: [ProductFilterSetting(type: "brand", sourceName: "brand", displayName: brandName)],
            defaultSortName: sort.rawValue, filteringEnabled: true)
    }

    @Test func aValueIsKeptForTheTTLThenReadAgain() async {
        let source = StubMerchandising()
        source.state.withLock { $0.channel = merchandising(.featured) }
        let clock = Clock()
        let cache = MerchandisingCache(source: source, ttl: 300, now: clock.now)
        #expect(await cache.merchandising(channelID: 1, categoryID: nil).defaultSort == .featured)
        source.state.withLock { $0.channel = merchandising(.newest, brandName: "Maker") }
        clock.advance(299)
        #expect(await cache.merchandising(channelID: 1, categoryID: nil).defaultSort == .featured)
        clock.advance(2)
        let changed = await cache.merchandising(channelID: 1, categoryID: nil)
        #expect(changed.defaultSort == .newest && changed.facets.map(\.name) == ["Maker"])
        #expect(source.state.withLock { $0.reads.count } == 2)
    }

    @Test func aFailedReadKeepsTheLastKnownValueAndIsRetriedLater() async {
        let source = StubMerchandising()
        source.state.withLock { $0.channel = merchandising(.alphaasc) }
        let clock = Clock()
        let cache = MerchandisingCache(source: source, ttl: 300, retryAfterFailure: 30, now: clock.now)
        _ = await cache.merchandising(channelID: 1, categoryID: nil)
        source.state.withLock { $0.failing = true }
        clock.advance(301)
        #expect(await cache.merchandising(channelID: 1, categoryID: nil).defaultSort == .alphaasc)
        clock.advance(10)
        #expect(await cache.merchandising(channelID: 1, categoryID: nil).defaultSort == .alphaasc)
        #expect(source.state.withLock { $0.reads.count } == 2, "not read again before retryAfterFailure")
        source.state.withLock { $0.failing = false; $0.channel = self.merchandising(.pricedesc) }
        clock.advance(21)
        #expect(await cache.merchandising(channelID: 1, categoryID: nil).defaultSort == .pricedesc)
    }

    @Test func aPageNeverReadFallsBackToItsChannelThenToNothing() async {
        let source = StubMerchandising()
        source.state.withLock { $0.failing = true }
        let cache = MerchandisingCache(source: source)
        #expect(await cache.merchandising(channelID: 1, categoryID: 7) == .unknown)

        let other = StubMerchandising()
        other.state.withLock { $0.channel = merchandising(.newest) }
        let clock = Clock()
        let known = MerchandisingCache(source: other, now: clock.now)
        _ = await known.merchandising(channelID: 1, categoryID: nil)
        other.state.withLock { $0.failing = true }
        #expect(await known.merchandising(channelID: 1, categoryID: 7).defaultSort == .newest)
    }
}
