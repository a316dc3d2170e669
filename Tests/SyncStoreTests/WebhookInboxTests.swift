import Foundation
import Testing
@testable import SyncStore

@Suite("webhook inbox", .closesStores)
struct WebhookInboxTests {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    func delivery(hash: String?, webhookID: String? = nil, product: Int = 42) -> WebhookDelivery {
        WebhookDelivery(
            webhookID: webhookID, payloadHash: hash, scope: "store/product/updated", storeID: "1001",
            body: Array(#"{"scope":"store/product/updated","data":{"id":\#(product)}}"#.utf8)
        )
    }

    func productJob(_ id: Int) -> (JobKey, [UInt8]) {
        (JobKey(kind: .productSync, entity: "\(id)"), Array("product \(id)".utf8))
    }

    @Test(arguments: StoreBackend.all) func acceptStoresTheDeliveryAndEnqueuesItsJobs(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        let outcome = try await store.accept(
            delivery(hash: "h1", webhookID: "msg_1"),
            jobs: [productJob(42), (JobKey(kind: .catalogRefresh, storefront: "en", entity: "7"), [])],
            now: t0
        )
        guard case .accepted(let id) = outcome else {
            Issue.record("expected an accepted delivery, got \(outcome)")
            return
        }
        let stored = try #require(try await store.deliveries(limit: 10).first)
        #expect(stored.id == id)
        #expect(stored.delivery == delivery(hash: "h1", webhookID: "msg_1"))
        #expect(stored.receivedAt == t0)
        #expect(stored.jobIDs.count == 2)
        let job = try #require(try await store.job(id: stored.jobIDs[0]))
        #expect(job.key == JobKey(kind: .productSync, entity: "42"))
        #expect(job.payload == Array("product 42".utf8))
        #expect(job.state == .available)
        #expect(job.runAt == t0)

        // A later delivery for the same product coalesces into the pending job.
        let later = try await store.accept(delivery(hash: "h2"), jobs: [productJob(42)], now: t0.addingTimeInterval(1))
        #expect(later != outcome)
        #expect(try await store.deliveries(limit: 10).map(\.jobIDs) == [[stored.jobIDs[0]], stored.jobIDs])
        #expect(try await store.jobCounts()[.available] == 2)
    }

    @Test(arguments: StoreBackend.all) func aBurstStoresEachDeliveryOnceAndCoalescesItsJobsPerProduct(
        _ backend: StoreBackend
    ) async throws {
        let store = try await backend.store()
        // 100 events, each delivered three times at once (BigCommerce retries), for 10 products.
        let outcomes = try await withThrowingTaskGroup(of: DeliveryOutcome.self) { group in
            for copy in 0..<3 {
                for event in 0..<100 {
                    group.addTask {
                        try await store.accept(
                            delivery(hash: "h\(event)-\(copy)", webhookID: "burst-\(event)", product: event % 10),
                            jobs: [productJob(event % 10)], now: t0)
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let accepted = outcomes.filter { if case .accepted = $0 { true } else { false } }
        #expect(accepted.count == 100 && outcomes.count == 300)
        #expect(Set(outcomes.map(\.deliveryID)).count == 100, "every copy names its event's one delivery")
        #expect(try await store.deliveries(limit: 1_000).count == 100)
        #expect(try await store.jobCounts()[.available] == 10, "one pending job per product")
    }

    @Test(arguments: StoreBackend.all) func aWebhookIDDecidesDuplicatesAndAHashAloneStillQueuesItsJobs(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        let first = try await store.accept(delivery(hash: "h1", webhookID: "msg_1"), jobs: [productJob(1)], now: t0)
        // Another webhook id is another event, even with the same data hash.
        let otherEvent = try await store.accept(delivery(hash: "h1", webhookID: "msg_2"), jobs: [productJob(2)], now: t0)
        let redelivered = try await store.accept(delivery(hash: "h9", webhookID: "msg_1"), jobs: [productJob(3)], now: t0)
        // Without a webhook id the hash recognises the delivery, but it may be a new edit: its jobs are queued.
        let byHash = try await store.accept(delivery(hash: "h1"), jobs: [productJob(4)], now: t0)
        #expect(otherEvent == .accepted(otherEvent.deliveryID) && otherEvent.deliveryID != first.deliveryID)
        #expect(redelivered == .duplicate(first.deliveryID))
        #expect(byHash == .duplicate(first.deliveryID))
        #expect(try await store.deliveries(limit: 10).count == 2)
        #expect(try await store.jobs(state: .available, limit: 10).map(\.key.entity) == ["1", "2", "4"])

        // Deliveries with neither a hash nor a webhook id cannot be recognised, so each one is kept.
        _ = try await store.accept(delivery(hash: nil), jobs: [], now: t0)
        let again = try await store.accept(delivery(hash: nil), jobs: [], now: t0)
        #expect(again == .accepted(again.deliveryID))
        #expect(try await store.deliveries(limit: 10).count == 4)
        #expect(try await store.deliveries(limit: 2).map(\.id) == [again.deliveryID, again.deliveryID - 1])
    }

    @Test func aFailingJobRollsTheDeliveryBack() async throws {
        let store = try SQLiteSyncStore.inMemory()
        // A trigger makes the second job's insert fail.
        try await store.writer.write { db in
            try db.execute(sql: """
                CREATE TRIGGER refuse_job BEFORE INSERT ON jobs WHEN NEW.entity = 'refused'
                BEGIN SELECT RAISE(ABORT, 'refused'); END
                """)
        }
        let invalid = (JobKey(kind: .productSync, entity: "refused"), [UInt8]())
        await #expect(throws: (any Error).self) {
            try await store.accept(delivery(hash: "h1"), jobs: [productJob(1), invalid], now: t0)
        }
        #expect(try await store.deliveries(limit: 10).isEmpty)
        #expect(try await store.jobCounts().values.reduce(0, +) == 0)

        // Nothing was recorded, so the redelivery is accepted.
        let retry = try await store.accept(delivery(hash: "h1"), jobs: [productJob(1)], now: t0)
        #expect(retry == .accepted(retry.deliveryID))
        #expect(try await store.jobCounts()[.available] == 1)
    }

    @Test func deliveriesSurviveReopeningTheFile() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("store.sqlite").path
            let accepted: DeliveryOutcome
            do {
                let store = try SQLiteSyncStore(path: path)
                accepted = try await store.accept(delivery(hash: "h1", webhookID: "msg_1"), jobs: [productJob(1)], now: t0)
            }
            let store = try SQLiteSyncStore(path: path)
            #expect(try await store.accept(delivery(hash: "h1"), jobs: [productJob(1)], now: t0) == .duplicate(accepted.deliveryID))
            #expect(try await store.deliveries(limit: 10).map(\.id) == [accepted.deliveryID])
            #expect(try await store.jobs(state: .available, limit: 10).map(\.key.entity) == ["1"])
        }
    }
}
