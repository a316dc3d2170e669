import Foundation
import Testing

@testable import BigCommerceAPI

@Suite("Product pages")
struct ProductPageTests {
    static let endpoint = Endpoint(.v3, "catalog/products")

    static func product(_ id: String, price: String = "10.5") -> String {
        #"{"id": \#(id), "name": "P \"quoted\" [x] {y}", "price": \#(price), "date_created": "2024-03-01T10:00:00+00:00", "date_modified": "2024-03-01T10:00:00+00:00", "images": [{"id": 1, "url_standard": "u"}]}"#
    }

    @Test func malformedProductDoesNotSinkThePage() throws {
        let broken = Self.product("\"102\"", price: #"{"amount": 1}"#)
        let body = #"{"data": [\#(Self.product("101")), \#(broken) ,\#(Self.product("103"))], "meta": {"pagination": {"total": 3, "count": 3, "per_page": 250, "current_page": 1, "total_pages": 1}}}"#
        let page = try BigCommerceClient.decodeProductPage(Array(body.utf8), pageSize: 250, endpoint: Self.endpoint)
        #expect(page.products.map(\.id) == [101, 103])
        #expect(page.malformed.count == 1)
        let record = try #require(page.malformed.first)
        #expect(record.id == 102)
        #expect(String(decoding: record.payload, as: UTF8.self) == broken)
        #expect(record.error.contains("price"))
        #expect(page.lastID == 103)
        #expect(page.isLast)
    }

    @Test func malformedWithoutReadableID() throws {
        let body = #"{"data": [\#(Self.product("101")), {"name": "no id"}]}"#
        let page = try BigCommerceClient.decodeProductPage(Array(body.utf8), pageSize: 2, endpoint: Self.endpoint)
        #expect(page.malformed.first?.id == nil)
        #expect(page.malformed.first?.error.contains("id") == true)
        #expect(page.lastID == 101)
        #expect(page.isLast == false)
    }

    @Test func isLastFromPaginationOrCount() throws {
        let full = #"{"data": [\#(Self.product("1")), \#(Self.product("2"))], "meta": {"pagination": {"total": 5, "count": 2, "per_page": 2, "current_page": 1, "total_pages": 3}}}"#
        #expect(try BigCommerceClient.decodeProductPage(Array(full.utf8), pageSize: 2, endpoint: Self.endpoint).isLast == false)
        let exact = #"{"data": [\#(Self.product("1")), \#(Self.product("2"))], "meta": {"pagination": {"total": 2, "count": 2, "per_page": 2, "current_page": 1, "total_pages": 1}}}"#
        #expect(try BigCommerceClient.decodeProductPage(Array(exact.utf8), pageSize: 2, endpoint: Self.endpoint).isLast)
        let short = #"{"data": [\#(Self.product("1"))]}"#
        #expect(try BigCommerceClient.decodeProductPage(Array(short.utf8), pageSize: 2, endpoint: Self.endpoint).isLast)
        let empty = #"{"data": [ ], "meta": {}}"#
        let emptyPage = try BigCommerceClient.decodeProductPage(Array(empty.utf8), pageSize: 2, endpoint: Self.endpoint)
        #expect(emptyPage.isLast)
        #expect(emptyPage.lastID == nil)
    }

    @Test func brokenJSONIsADecodingError() {
        #expect(throws: BigCommerceError.self) {
            try BigCommerceClient.decodeProductPage(Array(#"{"data": [{"id": 1"#.utf8), pageSize: 2, endpoint: Self.endpoint)
        }
        #expect(throws: BigCommerceError.self) {
            try BigCommerceClient.decodeProductPage(Array(#"{"errors": []}"#.utf8), pageSize: 2, endpoint: Self.endpoint)
        }
    }

    @Test func aRecordThatIsNotEvenJSONStaysThatRecordsProblem() throws {
        let broken = #"{"id": 102, "name": "x", "price": n/a}"#
        let body = #"{"data": [\#(Self.product("101")), \#(broken), \#(Self.product("103"))]}"#
        let page = try BigCommerceClient.decodeProductPage(Array(body.utf8), pageSize: 250, endpoint: Self.endpoint)
        #expect(page.products.map(\.id) == [101, 103])
        #expect(page.malformed.map { String(decoding: $0.payload, as: UTF8.self) } == [broken])
        #expect(page.lastID == 103)
    }
}
