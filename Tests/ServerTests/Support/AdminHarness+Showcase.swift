import Foundation
import SyncEngine
import SyncStore

extension AdminHarness {
    /// Fills the store with what an hour of a busy store leaves behind, relative to `now`: documents held per
    /// storefront, each storefront's last reindex and verification, completed jobs, webhook deliveries and shopper
    /// events every minute, a small backlog, a worker's heartbeat and a few dead letters. What the screenshots show.
    func seedShowcase(now: Date = Date()) async throws {
        for (index, target) in targets.enumerated() {
            let products = [1_842, 1_317, 1_296][index % 3]
            let documents = (1...products).map { StoredDocument(id: $0, contentHash: "h\($0)", json: Array("{}".utf8)) }
            try await store.recordPushed(storefront: target.name, entity: .product, documents: documents, at: now)
            try await store.recordPushed(
                storefront: target.name, entity: .category, documents: (1...(24 + index * 7)).map { StoredDocument(id: $0, contentHash: "c", json: []) },
                at: now)
            var reindex = ReindexReport(storefronts: [StorefrontReindexReport(name: target.name)])
            reindex.storefronts[0].products.seen = products
            reindex.storefronts[0].products.pushed = products / 9
            reindex.storefronts[0].seconds = [48.2, 39.9, 41.3][index % 3]
            try await RunJournal.record(reindex, store: store, at: now.addingTimeInterval(-7_200 - Double(index) * 140))
            var verify = VerifyReport(storefronts: [StorefrontVerifyReport(name: target.name)])
            verify.storefronts[0].checked = products
            if index == 1 {
                verify.storefronts[0].differences = [VerifyDifference(entity: "product", id: 311, kind: .different, fields: ["price"])]
            }
            try await RunJournal.record(verify, store: store, at: now.addingTimeInterval(-3_000 + Double(index) * 60))
        }
        // The last scheduled `validate`: the outlet's price difference shows there too.
        try await MarketSummary(
            at: now.addingTimeInterval(-1_260),
            storefronts: targets.enumerated().map { index, target in
                .init(name: target.name, problems: index == 1 ? ["price: product 311 shows 24.50, BigCommerce 22.00"] : [])
            }
        ).save(to: store)

        let scopes = ["store/product/updated", "store/sku/inventory/updated", "store/order/statusUpdated", "store/product/updated"]
        var webhook = 0
        var event = 0
        for minute in stride(from: 59, through: 1, by: -1) {
            let at = now.addingTimeInterval(-Double(minute) * 60)
            let wave = 1 + sin(Double(minute) / 7) * 0.6
            let jobs = Int((7 * wave + Double((minute * 7) % 5) * 0.6).rounded())
            let keys = (0..<jobs).map { (JobKey(kind: .productSync, entity: "\(minute)-\($0)"), [UInt8]()) }
            _ = try await store.enqueue(keys, runAt: at, now: at)
            let claimed = try await store.claim(owner: "seed", now: at, lease: .seconds(30), limit: jobs, kinds: nil)
            try await store.complete(ids: claimed.map(\.id), owner: "seed", now: at.addingTimeInterval(2))
            for _ in 0..<max(1, jobs - 2) {
                webhook += 1
                _ = try await store.accept(
                    WebhookDelivery(webhookID: "seed-\(webhook)", payloadHash: nil, scope: scopes[webhook % scopes.count], storeID: "1", body: []),
                    jobs: [], now: at)
            }
            let shoppers = Int(17 + 9 * cos(Double(minute) / 9))
            let events = (0..<shoppers).map { _ in
                event += 1
                return ShopperEvent(
                    eventID: "seed-\(event)", storefront: targets[event % targets.count].name, type: "product_viewed", visitor: "v\(event % 40)",
                    occurredAt: at, payload: Array("{}".utf8))
            }
            _ = try await store.append(events, now: at)
            let taken = try await store.claimEvents(owner: "seed", now: at, lease: .seconds(30), limit: events.count)
            try await store.markForwarded(ids: taken.map(\.id), owner: "seed", now: at.addingTimeInterval(1))
        }
        _ = try await store.enqueue(
            [(JobKey(kind: .productSync, entity: "311"), []), (JobKey(kind: .productSync, entity: "312"), [])], runAt: now,
            now: now.addingTimeInterval(-6))
        try await store.enqueue(
            JobKey(kind: .orderSync, entity: "10442"), payload: Array(#"{"source":"webhook"}"#.utf8), runAt: now.addingTimeInterval(120),
            now: now.addingTimeInterval(-180))
        try await store.setMarker("worker.serve-3f9a", value: Array(#"{"stopped":false,"outages":[]}"#.utf8), at: now.addingTimeInterval(-4))

        let other = targets.count > 1 ? targets[1].name : storefront
        try await store.addDeadLetter(DeadLetterDraft(
            storefront: other, kind: "product_delete", entityID: "2217",
            requestPayload: Array("DELETE /products?key=\(targets[0].clerkKeys.publicKey)&private_key=***&products=%5B2217%5D".utf8),
            responseStatus: 502, responseBody: Array("<html><body>502 Bad Gateway</body></html>".utf8),
            error: "Clerk answered HTTP 502 five times; gave up (job 8812, 5 attempts)", attempts: 5), at: now.addingTimeInterval(-2_340))
        try await store.addDeadLetter(DeadLetterDraft(
            storefront: nil, kind: "order.sync", entityID: "10398",
            requestPayload: Array(#"{"source":"webhook"}"#.utf8),
            error: "BigCommerce: order 10398 has no products (HTTP 404); the order may have been deleted", attempts: 3),
            at: now.addingTimeInterval(-1_260))
        try await store.addDeadLetter(DeadLetterDraft(
            storefront: storefront, kind: "event", entityID: "bodl-7d0e2c91",
            requestPayload: Array(#"{"key":"\#(targets[0].clerkKeys.publicKey)","visitor":"Kq3v81ZpXw0aLmT2","product":99041}"#.utf8),
            responseStatus: 200, responseBody: Array(#"{"status":"error","type":"LogicalError","message":"Product 99041 is not in the store"}"#.utf8),
            error: "Clerk: LogicalError: Product 99041 is not in the store"), at: now.addingTimeInterval(-420))
    }

    /// The dead letter of a product Clerk refused for a malformed price, as the screenshots show it; returns its id.
    func showcaseLetter(now: Date = Date()) async throws -> Int64 {
        let keys = targets[0].clerkKeys
        let request = #"{"key":"\#(keys.publicKey)","private_key":"\#(keys.privateKey)","products":[{"id":\#(productID),"name":"Linen Camp Shirt","url":"https://main.sandbox.example/linen-camp-shirt/","price":"12,50","list_price":24.5,"on_sale":true,"brand":"Northwind","categories":[21,23],"stock":14,"image":"https://cdn.sandbox.example/images/\#(productID).jpg"}]}"#
        let refusal = DeadLetterDraft(
            storefront: storefront, kind: "product_push", entityID: "\(productID)", requestPayload: Array(request.utf8),
            responseStatus: 200,
            responseBody: Array(#"{"status":"error","type":"ParsingError","message":"products[0].price: expected a number, got the string \"12,50\""}"#.utf8),
            error: "Clerk refused product \(productID): ParsingError: products[0].price: expected a number, got the string \"12,50\"")
        try await store.addDeadLetter(refusal, at: now.addingTimeInterval(-1_880))
        return try await store.addDeadLetter(refusal, at: now.addingTimeInterval(-95))
    }
}
