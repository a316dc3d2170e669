import Foundation
import Testing
@testable import SyncStore

/// The store's records write the schema's formats: times as REAL seconds since 1970, JSON columns as they were.
@Suite("record storage")
struct RecordStorageTests {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000.5)

    /// The type and value of `column` in every row of `table`.
    func stored(_ store: SQLiteSyncStore, _ table: String, _ column: String) async throws -> [String] {
        try await store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT typeof(\(column)) || ' ' || \(column) FROM \(table)")
        }
    }

    @Test func everyTimeIsWrittenAsSecondsSince1970() async throws {
        let store = try SQLiteSyncStore.inMemory()
        let document = StoredDocument(id: 1, contentHash: "h1", json: Array("{}".utf8))
        try await store.commitPage(
            storefront: "en", entity: .product, run: "r", seen: [1], pushed: [document], mirrored: [document], unmirrored: [], at: t0)
        try await store.setMarker("m", value: [1], at: t0)
        try await store.saveCheckpoint(CrawlCheckpoint(storefront: "en", run: "r", lastProductID: 1, startedAt: t0))
        try await store.addDeadLetter(DeadLetterDraft(storefront: "en", kind: "k", entityID: "1", error: "e"), at: t0)
        try await store.resolveDeadLetters(storefront: "en", kind: "k", entityIDs: ["1"], at: t0)
        try await store.recordSale(storefront: "en", orderID: 1, visitor: nil, lines: [], at: t0)
        try await store.recordSaleStatus(storefront: "en", orderID: 1, status: "CANCELLED", at: t0)
        try await store.recordReturned(storefront: "en", orderID: 1, lineID: 1, quantity: 1, at: t0)
        try await store.recordCart("c", visitor: "v", storefront: "en", at: t0)
        try await store.recordPurchase(orderID: 1, visitor: "v", storefront: "en", customerID: nil, at: t0)
        try await store.recordEmailLink("a@example.com", visitor: "v", storefront: "en", at: t0)
        _ = try await store.accept(
            WebhookDelivery(webhookID: "w", payloadHash: nil, scope: "s", storeID: nil, body: []), jobs: [], now: t0)
        _ = try await store.append(
            [ShopperEvent(eventID: "e", storefront: "en", type: "cart_updated", visitor: "v", occurredAt: t0, payload: [])],
            basketChanges: [
                BasketChange(
                    eventID: "e", storefront: "en", visitor: "v", email: "a@example.com", at: t0,
                    action: .replace([BasketLine(productID: 1, quantity: 1)])),
            ],
            now: t0)

        let columns = [
            ("ledger", "pushed_at"), ("mirror", "updated_at"), ("markers", "updated_at"),
            ("crawl_checkpoints", "started_at"), ("dead_letters", "first_failed_at"), ("dead_letters", "last_failed_at"),
            ("dead_letters", "resolved_at"), ("sales", "logged_at"), ("sales", "status_at"), ("sale_returns", "updated_at"),
            ("cart_visitors", "seen_at"), ("purchase_visitors", "seen_at"), ("email_links", "linked_at"),
            ("webhook_deliveries", "received_at"), ("shopper_baskets", "updated_at"), ("shopper_baskets", "replaced_at"),
            ("shopper_baskets", "email_at"), ("shopper_baskets", "touched_at"),
        ]
        for (table, column) in columns {
            #expect(try await stored(store, table, column) == ["real 1700000000.5"], "\(table).\(column)")
        }
        #expect(try await stored(store, "crawl_checkpoints", "saved_at").first?.hasPrefix("real ") == true)
    }

    @Test func jsonColumnsKeepTheirFormat() async throws {
        let store = try SQLiteSyncStore.inMemory()
        try await store.saveCheckpoint(
            CrawlCheckpoint(storefront: "en", run: "r", lastProductID: 1, startedAt: t0, counters: ["b": 2, "a": 1]))
        try await store.addDeadLetter(
            DeadLetterDraft(storefront: "en", kind: "k", entityID: "1", responseStatus: 503, error: "e"), at: t0)
        _ = try await store.append(
            [ShopperEvent(eventID: "e", storefront: "en", type: "cart_updated", visitor: "v", occurredAt: t0, payload: [])],
            basketChanges: [
                BasketChange(
                    eventID: "e", storefront: "en", visitor: "v", email: nil, at: t0,
                    action: .add(productID: 3, quantity: 4)),
            ],
            now: t0)

        #expect(try await stored(store, "crawl_checkpoints", "counters") == [#"text {"a":1,"b":2}"#])
        #expect(try await stored(store, "dead_letters", "history") == [#"text [{"at":1700000000.5,"error":"e","responseStatus":503}]"#])
        // Basket lines are encoded without sorted keys, so their order may vary.
        let lines = try #require(try await stored(store, "shopper_baskets", "lines").first)
        #expect(lines.hasPrefix("text "))
        #expect(try JSONDecoder().decode([[String: Int]].self, from: Data(lines.dropFirst(5).utf8)) == [["product_id": 3, "quantity": 4]])
        #expect(try await stored(store, "shopper_baskets", "line_count") == ["integer 1"])
    }
}
