import Dashboard
import Foundation
import Reliability
import SyncEngine
import SyncStore
import Testing

@Suite("overview")
struct OverviewReaderTests {
    @Test func standingsLagsQueueAndThroughputComeFromTheStore() async throws {
        let store = try SQLiteSyncStore.inMemory()
        let now = Date(timeIntervalSince1970: 1_700_003_630)  // 30 s into a minute
        // A product delta waiting 90 s (store-wide: it lags every storefront) and a reindex of `de` waiting 300 s
        // (not a webhook's job: no webhook lag).
        try await store.enqueue(JobKey(kind: .productSync, entity: "1"), payload: [], runAt: now, now: now.addingTimeInterval(-90))
        try await store.enqueue(JobKey(kind: .catalogReindex, storefront: "de", entity: "de"), payload: [], runAt: now, now: now.addingTimeInterval(-300))
        _ = try await store.append(
            [ShopperEvent(eventID: "e1", storefront: "de", type: "product_viewed", visitor: "v", occurredAt: now, payload: [])],
            now: now.addingTimeInterval(-12))
        try await store.addDeadLetter(draft("5", storefront: "us"), at: now.addingTimeInterval(-65))
        try await store.recordPushed(
            storefront: "us", entity: .product,
            documents: [StoredDocument(id: 1, contentHash: "a", json: []), StoredDocument(id: 2, contentHash: "b", json: [])], at: now)
        var reindex = ReindexReport(storefronts: [StorefrontReindexReport(name: "us")])
        reindex.storefronts[0].seconds = 12.5
        try await RunJournal.record(reindex, store: store, at: now.addingTimeInterval(-3_600))
        let health = DependencyHealth()
        health.wentDown(.clerk, at: now.addingTimeInterval(-40), reason: "connection refused")
        let reader = OverviewReader(store: store, storefronts: registry(), health: health, readiness: { ["Clerk: unavailable"] })

        let overview = try await reader.overview(now: now)
        #expect(overview.storefronts.map(\.name) == ["us", "de"])
        let us = overview.storefronts[0]
        #expect(us.documents == 2 && us.products == 2 && us.categories == 0)
        #expect(us.lagSeconds == 90)
        #expect(us.deadLetters == 1)
        #expect(us.lastReindex?.ok == true && us.lastReindex?.seconds == 12.5)
        #expect(us.lastVerify == nil)
        let de = overview.storefronts[1]
        #expect(de.lagSeconds == 90)
        #expect(de.eventLagSeconds == 12 && de.eventsPending == 1)
        #expect(overview.queue.available == 2)
        #expect(overview.queue.backlog.map(\.kind) == ["catalog.reindex", "product.sync"])
        #expect(overview.queue.backlog.map(\.oldestSeconds) == [300, 90])
        #expect(overview.events.pending == 1 && overview.events.oldestPendingSeconds == 12)
        #expect(overview.deadLetters == 1)
        #expect(!overview.ready && overview.problems == ["Clerk: unavailable"])
        #expect(overview.dependencies.map(\.name) == ["bigcommerce", "clerk", "database"])
        #expect(overview.dependencies.map(\.up) == [true, false, true])
        #expect(overview.dependencies[1].reason == "connection refused")
        // 60 minutes ending with the current one; the letter's failure lands 65 s back, in the minute before last.
        #expect(overview.throughput.series.count == 60)
        #expect(overview.throughput.series.last?.at == "2023-11-14T23:13:00Z")
        #expect(overview.throughput.series[58].deadLetters == 1)
        #expect(overview.throughput.series.map(\.events).reduce(0, +) == 1)
    }

    @Test func eachStorefrontShowsItsMarketInTheLastScheduledValidate() async throws {
        let store = try SQLiteSyncStore.inMemory()
        let now = Date(timeIntervalSince1970: 1_700_003_630)
        let reader = OverviewReader(store: store, storefronts: registry(), health: nil)
        #expect(try await reader.overview(now: now).storefronts.map(\.lastValidate) == [nil, nil])

        let summary = MarketSummary(
            at: now.addingTimeInterval(-600),
            storefronts: [.init(name: "us", problems: []), .init(name: "de", problems: ["price: product 7 shows 9.00, BigCommerce 8.00"])])
        try await summary.save(to: store)
        let overview = try await reader.overview(now: now)
        #expect(overview.storefronts.map(\.lastValidate?.ok) == [true, false])
        #expect(overview.storefronts[1].lastValidate?.problems == ["price: product 7 shows 9.00, BigCommerce 8.00"])
        #expect(overview.storefronts[0].lastValidate?.finishedAt == "2023-11-14T23:03:50Z")
    }

    @Test func documentsHeldAreCountedAtMostOncePerTTLAndRecountedInTheBackground() async throws {
        let store = try SQLiteSyncStore.inMemory()
        let now = Date(timeIntervalSince1970: 1_700_003_630)
        func push(_ ids: ClosedRange<Int>) async throws {
            try await store.recordPushed(
                storefront: "us", entity: .product, documents: ids.map { StoredDocument(id: $0, contentHash: "h", json: []) }, at: now)
        }
        try await push(1...3)
        let reader = OverviewReader(store: store, storefronts: registry(), health: nil)
        #expect(try await reader.overview(now: now).storefronts[0].documents == 3)
        try await push(4...5)
        #expect(try await reader.overview(now: now.addingTimeInterval(30)).storefronts[0].documents == 3, "kept within the TTL")
        // Past the TTL the kept count still answers, and a recount runs beside it.
        let later = now.addingTimeInterval(OverviewReader.documentsTTL + 1)
        #expect(try await reader.overview(now: later).storefronts[0].documents == 3)
        let deadline = ContinuousClock.now + .seconds(10)
        var documents = 3
        while documents != 5, ContinuousClock.now < deadline {
            documents = try await reader.overview(now: later).storefronts[0].documents
            await Task.yield()
        }
        #expect(documents == 5)
    }

    @Test func minutesThatAreOverAreReadOnce() async throws {
        let store = try SQLiteSyncStore.inMemory()
        let now = Date(timeIntervalSince1970: 1_700_003_630)
        func event(_ id: String, at: Date) async throws {
            _ = try await store.append(
                [ShopperEvent(eventID: id, storefront: "us", type: "product_viewed", visitor: "v", occurredAt: at, payload: [])], now: at)
        }
        try await event("old", at: now.addingTimeInterval(-600))
        let reader = OverviewReader(store: store, storefronts: registry(), health: nil)
        let first = try await reader.overview(now: now).throughput.series
        #expect(first.map(\.events).reduce(0, +) == 1)
        // Written late into a minute long over: not read again. Into the current minute: read.
        try await event("late", at: now.addingTimeInterval(-590))
        try await event("current", at: now)
        let second = try await reader.overview(now: now).throughput.series
        #expect(second.map(\.events).reduce(0, +) == 2)
        #expect(second.last?.events == 1)
        // An hour on, the old minutes have left the window.
        let hourLater = try await reader.overview(now: now.addingTimeInterval(3_600)).throughput.series
        #expect(hourLater.count == 60 && hourLater.map(\.events).reduce(0, +) == 0)
    }
}
