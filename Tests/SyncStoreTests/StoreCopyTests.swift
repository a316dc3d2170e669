import Foundation
import Logging
import PostgresNIO
import PostgresTestSupport
import SyncStore
@testable import SyncStorePostgres
import Testing

/// `store copy`: an SQLite store's state moved into PostgreSQL, ids and all, and the bound on a request's path.
@Suite("copying to PostgreSQL", .closesStores, .enabled(if: TemporaryPostgres.runs, Comment(rawValue: TemporaryPostgres.installHint)))
struct StoreCopyTests {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func everyTableArrivesWithItsIdsAndNewRowsFollowThem() async throws {
        let sqlite = try SQLiteSyncStore.inMemory()
        let document = StoredDocument(id: 7, contentHash: "h7", json: Array(#"{"id":7}"#.utf8))
        try await sqlite.recordPushed(storefront: "en", entity: .product, documents: [document], at: t0)
        let letter = try await sqlite.addDeadLetter(
            DeadLetterDraft(
                storefront: "en", kind: "product.upsert", entityID: "7", requestPayload: Array("req".utf8), responseStatus: 400,
                responseBody: Array("bad".utf8), error: "ParsingError", attempts: 3),
            at: t0)
        let delivery = WebhookDelivery(webhookID: "w1", payloadHash: "h1", scope: "store/product/updated", storeID: "1", body: [1, 2])
        let accepted = try await sqlite.accept(delivery, jobs: [(JobKey(kind: .productSync, entity: "7"), Array("p".utf8))], now: t0)
        _ = try await sqlite.append(
            [ShopperEvent(eventID: "e1", storefront: "en", type: "product_viewed", visitor: "v1", occurredAt: t0, payload: Array("{}".utf8))],
            now: t0)

        let store = try await StoreBackend.postgres.store()
        let postgres = try #require(store as? PostgresSyncStore)
        let tables = try await postgres.copy(from: sqlite, replacing: false)
        #expect(tables.first { $0.name == "dead_letters" }?.rows == 1)
        #expect(tables.first { $0.name == "jobs" }?.rows == 1)

        #expect(try await store.pushedHashes(storefront: "en", entity: .product, ids: [7]) == [7: "h7"])
        let copied = try #require(try await store.deadLetter(id: letter))
        #expect(copied.requestPayload == Array("req".utf8) && copied.responseBody == Array("bad".utf8) && copied.attempts == 3)
        let deliveries = try await store.deliveries(limit: 10)
        #expect(deliveries.map(\.id) == [accepted.deliveryID])
        #expect(deliveries.first?.jobIDs.count == 1 && deliveries.first?.delivery.body == [1, 2])
        #expect(try await store.jobCounts()[.available] == 1)
        #expect(try await store.eventCounts()[.pending] == 1)

        // The identity sequences moved past the copied ids.
        let next = try await store.addDeadLetter(
            DeadLetterDraft(
                storefront: "en", kind: "product.upsert", entityID: "8", requestPayload: nil, responseStatus: nil, responseBody: nil,
                error: "x", attempts: 1),
            at: t0)
        #expect(next > letter)

        // A second copy is refused while the destination holds data, and replaces it when asked.
        let refusal = await #expect(throws: StoreCopyError.self) { try await postgres.copy(from: sqlite, replacing: false) }
        #expect(refusal?.description.contains("dead_letters") == true && refusal?.description.contains("--replace") == true)
        _ = try await postgres.copy(from: sqlite, replacing: true)
        #expect(try await store.deadLetters(includeResolved: true).map(\.id) == [letter])
    }

    @Test func anAcceptanceThatWaitsLongerThanTheBoundIsAnsweredTimedOut() async throws {
        let location = try await TemporaryPostgres.shared.database()
        let store = try await PostgresSyncStore.open(location, requestTimeout: .seconds(1), logger: StoreBackend.logger)
        // The redelivery goes to another instance, with a bound a loaded machine does not reach.
        let patient = try await PostgresSyncStore.open(location, requestTimeout: StoreBackend.requestTimeout, logger: StoreBackend.logger)
        OpenedStores.current?.add {
            await store.close()
            await patient.close()
            await TemporaryPostgres.shared.drop(location)
        }
        let configuration = try location.connectionConfiguration(applicationName: "lock-holder")
        let holder = try await PostgresConnection.connect(configuration: configuration, id: 9, logger: StoreBackend.logger)
        let delivery = WebhookDelivery(webhookID: "w1", payloadHash: "h1", scope: "store/product/updated", storeID: "1", body: [1])
        // Another session holds the deliveries table: the acceptance waits, and gives up at the bound.
        try await holder.withTransaction(logger: StoreBackend.logger) { connection in
            _ = try await connection.query("LOCK TABLE webhook_deliveries IN ACCESS EXCLUSIVE MODE", logger: StoreBackend.logger).collect()
            await #expect(throws: PostgresStoreError.timedOut(operation: "the webhook delivery", seconds: 1)) {
                try await store.accept(delivery, jobs: [], now: t0)
            }
        }
        try await holder.close()
        // BigCommerce, answered 503, redelivers: the timed-out attempt may have committed meanwhile, and either
        // way one delivery is stored.
        let later = try await patient.accept(delivery, jobs: [], now: t0)
        #expect(try await patient.deliveries(limit: 10).map(\.id) == [later.deliveryID])
    }
}
