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
}
