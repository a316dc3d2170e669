import BigCommerceAPI
import Foundation
import JSONSupport
import Sandbox
import Testing

/// Each catalog mutation changes the store and emits the documented scope and data shape (or nothing).
@Suite("Catalog events")
struct CatalogEventsTests {
    /// Runs `body` with one hook on every `store/…` scope, then returns the payloads it caused.
    static func emitted(_ body: (SandboxServer) throws -> Void) async throws -> [JSONValue] {
        var payloads: [JSONValue] = []
        try await WebhookFixture.with { fixture in
            _ = try fixture.sandbox.webhooks.createHook(scope: "store/*", destination: fixture.destination())
            try body(fixture.sandbox)
            #expect(await fixture.settle())
            payloads = fixture.receiver.deliveries.compactMap(\.json)
        }
        return payloads
    }

    static func product(tracking: String, in sandbox: SandboxServer) throws -> SandboxProduct {
        try #require(sandbox.store.allProducts().first { $0.inventoryTracking == tracking && (tracking != "variant" || $0.variants.count > 1) })
    }

    @Test func priceChangeEmitsProductUpdated() async throws {
        var ids: [Int] = []
        let payloads = try await Self.emitted { sandbox in
            let product = try #require(sandbox.store.allProducts().first { _ in true })
            ids = [product.id]
            #expect(sandbox.catalogEvents.setPrice(productID: product.id, price: 99)?.price == 99)
            #expect(sandbox.store.product(id: product.id)?.price == 99)
        }
        #expect(payloads.map { $0["scope"] } == ["store/product/updated"])
        #expect(payloads.first?["data"] == ["type": "product", "id": JSONValue.int(ids[0])])
    }

    @Test func stockOfAProductTrackedByProduct() async throws {
        var ids: [Int] = []
        let payloads = try await Self.emitted { sandbox in
            let product = try Self.product(tracking: "product", in: sandbox)
            ids = [product.id]
            #expect(sandbox.catalogEvents.setStock(productID: product.id, level: 17)?.inventoryLevel == 17)
        }
        let id = JSONValue.int(ids[0])
        #expect(payloads.map { $0["scope"] } == ["store/product/inventory/updated"])
        #expect(payloads.first?["data"] == ["type": "product", "id": id, "inventory": ["product_id": id, "method": "absolute", "value": 17]])
    }

    @Test func stockOfAProductTrackedByVariantEmitsOneSKUEventPerVariant() async throws {
        var ids: [Int] = []
        let payloads = try await Self.emitted { sandbox in
            let product = try Self.product(tracking: "variant", in: sandbox)
            ids = [product.id] + product.variants.map(\.id)
            let updated = try #require(sandbox.catalogEvents.setStock(productID: product.id, level: 4))
            #expect(updated.variants.allSatisfy { $0.inventoryLevel == 4 })
        }
        let productID = ids[0]
        let variantIDs = Array(ids.dropFirst())
        #expect(payloads.count == variantIDs.count)
        #expect(Set(payloads.compactMap { $0["scope"]?.stringValue }) == ["store/sku/inventory/updated"])
        #expect(Set(payloads.compactMap { $0.at("data.inventory.variant_id")?.intValue }) == Set(variantIDs))
        for payload in payloads {
            #expect(payload.at("data.type") == "sku")
            #expect(payload.at("data.id")?.intValue != nil)
            #expect(payload.at("data.inventory.product_id")?.intValue == productID)
            #expect(payload.at("data.inventory.method") == "absolute")
            #expect(payload.at("data.inventory.value") == 4)
            let decoded = try WebhookPayload.decode(payload.encoded())
            #expect(decoded.data.first?.inventory != nil)
        }
    }

    @Test func createAndDeleteProduct() async throws {
        var ids: [Int] = []
        let payloads = try await Self.emitted { sandbox in
            var product = try #require(sandbox.store.allProducts().first { _ in true })
            product.id = 0
            let created = sandbox.catalogEvents.createProduct(product)
            ids = [created.id]
            #expect(sandbox.store.product(id: created.id) != nil)
            #expect(sandbox.catalogEvents.deleteProduct(id: created.id))
            #expect(sandbox.store.product(id: created.id) == nil)
            #expect(!sandbox.catalogEvents.deleteProduct(id: created.id))
        }
        let data: JSONValue = ["type": "product", "id": JSONValue.int(ids[0])]
        #expect(Set(payloads.compactMap { $0["scope"]?.stringValue }) == ["store/product/created", "store/product/deleted"])
        #expect(payloads.allSatisfy { $0["data"] == data })
    }

    @Test func channelAssignment() async throws {
        var ids: [Int] = []
        let payloads = try await Self.emitted { sandbox in
            let product = try #require(sandbox.store.allProducts().first { $0.channels.contains(1) })
            ids = [product.id]
            #expect(sandbox.catalogEvents.unassignProduct(product.id, fromChannel: 1)?.channels.contains(1) == false)
            #expect(sandbox.catalogEvents.assignProduct(product.id, toChannel: 1)?.channels.contains(1) == true)
        }
        #expect(Set(payloads.compactMap { $0["scope"]?.stringValue }) == ["store/channel/1/product/unassigned", "store/channel/1/product/assigned"])
        #expect(payloads.allSatisfy { $0["data"] == ["product_id": JSONValue.int(ids[0])] })
        let decoded = try WebhookPayload.decode(try #require(payloads.first).encoded())
        #expect(decoded.data.first?.productID == ids[0])
    }

    @Test func categoryRename() async throws {
        var ids: [Int] = []
        let payloads = try await Self.emitted { sandbox in
            let category = try #require(sandbox.store.categories().first)
            ids = [category.id]
            #expect(sandbox.catalogEvents.renameCategory(id: category.id, to: "Renamed"))
            #expect(sandbox.store.categories().first { $0.id == category.id }?.name == "Renamed")
        }
        #expect(payloads.map { $0["scope"] } == ["store/category/updated"])
        #expect(payloads.first?["data"] == ["type": "category", "id": JSONValue.int(ids[0])])
    }

    @Test func priceRecordsSingleAndBatch() async throws {
        let payloads = try await Self.emitted { sandbox in
            let list = try #require(sandbox.store.catalog.priceLists.first)
            let product = try #require(sandbox.store.allProducts().first { _ in true })
            let variant = try #require(product.variants.first)
            let record = SandboxPriceRecord(priceListID: list.id, variantID: variant.id, productID: product.id, sku: variant.sku, currency: "EUR", price: 10)
            sandbox.catalogEvents.setPriceRecord(record)
            var other = record
            other.currency = "USD"
            sandbox.catalogEvents.setPriceRecords([record, other])
            #expect(sandbox.store.priceRecords(priceListID: list.id, for: product).contains(other))
        }
        let single = try #require(payloads.first { $0["scope"] == "store/priceList/record/updated" })
        #expect(single.at("data.currency") == "EUR")
        #expect(single.at("data.price_list_id")?.intValue != nil)
        #expect(single.at("data.variant_id")?.intValue != nil)
        let batch = try #require(payloads.first { $0["scope"] == "store/priceList/records/updated" })
        guard case .array(let items)? = batch["data"] else {
            Issue.record("batch data is not an array")
            return
        }
        #expect(items.compactMap { $0["currency"]?.stringValue } == ["EUR", "USD"])
        #expect(try WebhookPayload.decode(batch.encoded()).data.count == 2)
    }

    @Test func brandRenameAndImageEditEmitNothing() async throws {
        let payloads = try await Self.emitted { sandbox in
            let brand = try #require(sandbox.store.brands().first)
            #expect(sandbox.catalogEvents.renameBrand(id: brand.id, to: "Renamed brand"))
            #expect(sandbox.store.brands().first { $0.id == brand.id }?.name == "Renamed brand")
            let product = try #require(sandbox.store.allProducts().first { _ in true })
            #expect(sandbox.catalogEvents.updateImages(productID: product.id) { $0.removeAll() }?.images.isEmpty == true)
            #expect(sandbox.webhooks.counters.eventsEmitted == 0)
        }
        #expect(payloads.isEmpty)
    }

    @Test func unknownTargetsEmitNothing() async throws {
        let payloads = try await Self.emitted { sandbox in
            #expect(sandbox.catalogEvents.setPrice(productID: 1, price: 1) == nil)
            #expect(sandbox.catalogEvents.setStock(productID: 1, level: 1) == nil)
            #expect(!sandbox.catalogEvents.renameCategory(id: -1, to: "x"))
            #expect(sandbox.catalogEvents.unassignProduct(1, fromChannel: 1) == nil)
        }
        #expect(payloads.isEmpty)
    }
}
