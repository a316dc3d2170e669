import Foundation
import JSONSupport
import Sandbox
import Testing

@testable import BigCommerceAPI

/// The hand-written page reader against the `Decodable` models it stands in for.
@Suite("Product page reader")
struct ProductPageReaderTests {
    /// The models' reading of a page, to compare with.
    static func decoded(_ body: [UInt8]) throws -> [Product] {
        try JSONDecoder().decode(V3Envelope<[Product]>.self, from: Data(body)).data
    }

    @Test func sandboxPagesReadTheSameAsWithJSONDecoder() async throws {
        try await SandboxIntegrationTests.withSandbox(SandboxConfiguration(productCount: 600)) { _, client in
            var after = 0
            var compared = 0
            while true {
                let endpoint = Endpoint(.v3, "catalog/products", query: [
                    ("sort", "id"), ("id:greater", String(after)), ("limit", "250"),
                    ("include", "images,custom_fields,channels,variants"),
                ])
                let body = try await client.get(endpoint).body
                let (products, pagination) = try ProductPageReader.read(body)
                let expected = try Self.decoded(body)
                #expect(products == expected)
                // Money keeps its digits: the mapping writes a Decimal's text.
                #expect(products.map { "\($0.price) \($0.calculatedPrice)" } == expected.map { "\($0.price) \($0.calculatedPrice)" })
                #expect(pagination?.total != nil)
                compared += products.count
                guard let last = products.last?.id, products.count == 250 else { break }
                after = last
            }
            #expect(compared == 600)
        }
    }

    @Test func priceRecordPagesReadTheSameAsWithJSONDecoder() async throws {
        try await SandboxIntegrationTests.withSandbox(SandboxConfiguration(productCount: 300)) { sandbox, client in
            let list = try #require(sandbox.store.catalog.priceLists.first?.id)
            let ids = sandbox.store.allProducts().map(\.id).prefix(250).map(String.init).joined(separator: ",")
            let endpoint = Endpoint(.v3, "pricelists/\(list)/records", query: [("product_id:in", ids), ("currency:in", "EUR,GBP"), ("limit", "250")])
            let body = try await client.get(endpoint).body
            let (records, pagination) = try ProductPageReader.readEnvelope(body) { try PriceRecord(reading: &$0) }
            #expect(!records.isEmpty)
            #expect(records == (try JSONDecoder().decode(V3Envelope<[PriceRecord]>.self, from: Data(body)).data))
            #expect(pagination?.total != nil)
            // All pages, read side by side, are the records of the products in page order.
            let all = try await client.priceListRecords(
                priceListID: list, productIDs: sandbox.store.allProducts().map(\.id).prefix(250).map { $0 }, currencies: ["EUR", "GBP"])
            #expect(all.count == pagination?.total)
        }
    }

    @Test func defaultsForAbsentAndNullMembersAreTheModels() throws {
        let body = #"""
            {"data": [{"id": 7, "name": "Lamp", "price": 12.50, "sale_price": null, "retail_price": "",
              "date_created": "2024-03-01T10:00:00+00:00", "date_modified": "2024-03-02T10:00:00Z",
              "custom_url": null, "categories": null, "images": [{"id": 1}], "unknown": {"a": [1, {"b": null}]},
              "variants": [{"id": 70, "price": null, "option_values": [{"label": "L\u00e9ger"}]}]}],
             "meta": {"pagination": {"total": 1, "total_pages": 1, "current_page": 1}}}
            """#
        let bytes = Array(body.utf8)
        let (products, pagination) = try ProductPageReader.read(bytes)
        #expect(products == (try Self.decoded(bytes)))
        #expect(products.first?.calculatedPrice == Decimal(string: "12.5"))
        #expect(products.first?.variants?.first?.optionValues.first?.label == "Léger")
        #expect(pagination?.totalPages == 1)
    }

    @Test(arguments: [
        #"{"data": [{"id": "7", "name": "x", "price": 1, "date_created": "2024-03-01T10:00:00Z", "date_modified": "2024-03-01T10:00:00Z"}]}"#,
        #"{"data": [{"id": 7, "name": "x", "price": "1.50", "date_created": "2024-03-01T10:00:00Z", "date_modified": "2024-03-01T10:00:00Z"}]}"#,
        #"{"data": [{"id": 7, "name": "x", "price": 1, "is_visible": 1, "date_created": "2024-03-01T10:00:00Z", "date_modified": "2024-03-01T10:00:00Z"}]}"#,
        #"{"data": [{"id": 7, "id": 8, "name": "x", "price": 1, "date_created": "2024-03-01T10:00:00Z", "date_modified": "2024-03-01T10:00:00Z"}]}"#,
        #"{"data": [{"id": 7, "name": "x", "price": 1, "channels": [{"channel_id": 1}], "date_created": "2024-03-01T10:00:00Z", "date_modified": "2024-03-01T10:00:00Z"}]}"#,
    ])
    func whatOnlyTheModelsReadLenientlyIsLeftToThem(body: String) throws {
        let bytes = Array(body.utf8)
        #expect(throws: (any Error).self) { try ProductPageReader.read(bytes) }
        // The page still decodes, through the models.
        let page = try BigCommerceClient.decodeProductPage(bytes, pageSize: 250)
        #expect(page.products.count + page.malformed.count == 1)
    }

    @Test func aBrokenProductStillGoesThroughTheSlowPathWithItsBytes() throws {
        let broken = #"{"id": 102, "name": 12345, "price": 1, "date_created": "2024-03-01T10:00:00Z", "date_modified": "2024-03-01T10:00:00Z"}"#
        let body = #"{"data": [\#(broken)]}"#
        let page = try BigCommerceClient.decodeProductPage(Array(body.utf8), pageSize: 250)
        #expect(page.products.isEmpty)
        #expect(page.malformed.first.map { String(decoding: $0.payload, as: UTF8.self) } == broken)
        #expect(page.malformed.first?.error.contains("name") == true)
    }
}
