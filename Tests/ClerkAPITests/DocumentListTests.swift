import Foundation
import Testing

@testable import ClerkAPI

@Suite("catalog read decoding")
struct DocumentListTests {
    func documents(_ body: String, in collection: CatalogCollection = .products) throws -> [Int: AnyJSON] {
        try JSONDecoder().decode(DocumentList<AnyJSON>.self, from: Data(body.utf8)).documents(in: collection)
    }

    @Test func decodesEachDocumentByIDWithExactNumbers() throws {
        let body = #"""
            {"status":"ok","products":[ {"id":1,"price":19.990,"name":"A \"q\" ]}","tags":["x",{"k":[1,2]}]},
              {"name":"B","id":"2"} , {"id": 3 ,"nested":{"id":99}}]}
            """#
        let found = try documents(body)
        #expect(found.count == 3)
        #expect(found[1] == .object([
            "id": .number(1), "price": .number(Decimal(string: "19.99")!), "name": .string(#"A "q" ]}"#),
            "tags": .array([.string("x"), .object(["k": .array([.number(1), .number(2)])])]),
        ]))
        #expect(found[2] == .object(["name": .string("B"), "id": .string("2")]))
        #expect(found[3] == .object(["id": .number(3), "nested": .object(["id": .number(99)])]))
    }

    @Test func skipsElementsWithoutUsableID() throws {
        let found = try documents(#"{"status":"ok","products":[{"name":"x"},{"id":"abc"},7,{"id":4}]}"#)
        #expect(Array(found.keys) == [4])
    }

    @Test func categoriesMember() throws {
        let found = try documents(#"{"status":"ok","categories":[{"id":10,"name":"Shoes","subcategories":[]}]}"#, in: .categories)
        #expect(found[10] == .object(["id": .number(10), "name": .string("Shoes"), "subcategories": .array([])]))
    }

    @Test func emptyOrNullListIsEmpty() throws {
        #expect(try documents(#"{"status":"ok","products":[]}"#).isEmpty)
        #expect(try documents(#"{"status":"ok","products":null}"#).isEmpty)
    }

    @Test func missingListIsAnError() throws {
        #expect(throws: (any Error).self) { try documents(#"{"status":"ok"}"#) }
        #expect(throws: (any Error).self) { try documents(#"{"status":"ok","products":[]}"#, in: .categories) }
    }

    @Test func bodiesThatAreNotAJSONObjectAreNotAnswers() throws {
        let request = ClerkRequest.query(
            .get, path: "products", keys: ClerkStoreKeys(publicKey: "pub", privateKey: "priv"), parameters: [])
        for text in ["<html></html>", "", "{", #"{"a":}"#, #"{"a":1} x"#, #"{"a":tru}"#, "[1 2]", "[1]"] {
            let response = ClerkResponse(status: 200, retryAfter: nil, body: Array(text.utf8))
            let error = #expect(throws: ClerkError.self, "\(text)") { try response.validate(for: request) }
            #expect(error?.kind == .http)
            #expect(error?.message == "response body is not a JSON object")
        }
        // Foundation's JSONDecoder reads a trailing comma as JSON (the hand-written scanner before it did not).
        let trailingComma = ClerkResponse(status: 200, retryAfter: nil, body: Array(#"{"status":"ok",}"#.utf8))
        #expect(try trailingComma.validate(for: request).isOK)
    }

    @Test func readsStatusFieldsAsText() throws {
        let status = try JSONDecoder().decode(
            ClerkStatus.self,
            from: Data(#"{"status":"error","type":"ParsingError","message":"bad \"json\"\n","id":12,"moreInfo":null}"#.utf8))
        #expect(status.isError)
        #expect(status.type == "ParsingError")
        #expect(status.message == "bad \"json\"\n")
        #expect(status.errorID == "12")
        #expect(status.moreInfo == nil)
    }
}
