import Foundation
import Testing
@testable import SyncStore

/// Markers, the mirror's category and brand lookups, batch enqueue and delivery retention.
@Suite("markers and lookups", .closesStores)
struct MarkersAndLookupsTests {
    func product(_ id: Int, categories: [Int], brand: String?) -> StoredDocument {
        let brandPart = brand.map { #","brand":"\#($0)""# } ?? ""
        let json = #"{"categories":\#(categories),"id":\#(id)\#(brandPart)}"#
        return StoredDocument(id: id, contentHash: "h\(id)", json: Array(json.utf8))
    }

    @Test(arguments: StoreBackend.all) func markersAreSetReplacedAndListedByPrefix(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        #expect(try await store.marker("run.reindex") == nil)
        let first = Date(timeIntervalSince1970: 1_000)
        try await store.setMarker("run.reindex", value: Array("one".utf8), at: first)
        try await store.setMarker("run.reindex", value: Array("two".utf8), at: first.addingTimeInterval(5))
        try await store.setMarker("run_other", value: [], at: first)
        try await store.setMarker("worker.a", value: [], at: first)
        let marker = try #require(try await store.marker("run.reindex"))
        #expect(marker.text == "two" && marker.updatedAt == first.addingTimeInterval(5))
        // `_` is not a wildcard: only names starting with exactly "run." match.
        #expect(Array(try await store.markers(prefix: "run.").keys) == ["run.reindex"])
    }

    @Test(arguments: StoreBackend.all) func theMirrorFindsProductsByCategoryAndBrand(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        try await store.upsertMirror(storefront: "en", entity: .product, documents: [
            product(1, categories: [10, 11], brand: "Acme"), product(2, categories: [11], brand: nil),
            product(3, categories: [], brand: "Umbra"), product(4, categories: [12], brand: "Acme"),
        ])
        try await store.upsertMirror(storefront: "de", entity: .product, documents: [product(9, categories: [11], brand: "Acme")])
        #expect(try await store.mirroredProducts(storefront: "en", inCategories: [11]) == [1, 2])
        #expect(try await store.mirroredProducts(storefront: "en", inCategories: [10, 12]) == [1, 4])
        #expect(try await store.mirroredProducts(storefront: "en", inCategories: []) == [])
        #expect(try await store.mirroredProducts(storefront: "en", withBrands: ["Acme"]) == [1, 4])
        #expect(try await store.mirroredProducts(storefront: "en", withBrands: ["Nope"]) == [])
    }

    @Test(arguments: StoreBackend.all) func batchEnqueueCoalescesLikeSingleOnes(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        let now = Date()
        let outcomes = try await store.enqueue(
            [(JobKey(kind: .productSync, entity: "1"), []), (JobKey(kind: .productSync, entity: "1"), []),
             (JobKey(kind: .productSync, entity: "2"), [])],
            runAt: now, now: now)
        #expect(outcomes[1] == .coalesced(outcomes[0].jobID))
        #expect(try await store.jobCounts()[.available] == 2)
    }

    @Test(arguments: StoreBackend.all) func oldDeliveriesArePurged(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        let old = Date(timeIntervalSince1970: 1_000)
        _ = try await store.accept(
            WebhookDelivery(webhookID: "a", payloadHash: "h1", scope: "store/product/updated", storeID: "1", body: [1]),
            jobs: [], now: old)
        _ = try await store.accept(
            WebhookDelivery(webhookID: "b", payloadHash: "h2", scope: "store/product/updated", storeID: "1", body: [2]),
            jobs: [], now: old.addingTimeInterval(100))
        #expect(try await store.purgeDeliveries(before: old.addingTimeInterval(50)) == 1)
        #expect(try await store.deliveries(limit: 5).map(\.delivery.webhookID) == ["b"])
    }

    @Test func aFileDatabaseCommitsWithFullSynchronous() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteSyncStore(path: directory.appendingPathComponent("db.sqlite").path)
        let level = try await store.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(level == 2)
    }
}
