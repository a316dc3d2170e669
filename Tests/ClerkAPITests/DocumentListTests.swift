import Testing

@testable import ClerkAPI

@Suite("catalog read decoding")
struct DocumentListTests {
    func documents(_ body: String, member: String = "products") throws -> [Int: String] {
        let envelope = try ResponseEnvelope(body: Array(body.utf8))
        return try DocumentList.documents(in: envelope, member: member).mapValues { String(decoding: $0, as: UTF8.self) }
    }

    @Test func slicesEachDocumentVerbatimByID() throws {
        let body = #"""
            {"status":"ok","products":[ {"id":1,"price":19.990,"name":"A \"q\" ]}","tags":["x",{"k":[1,2]}]},
              {"name":"B","id":"2"} , {"id": 3 ,"nested":{"id":99}}]}
            """#
        let found = try documents(body)
        #expect(found.count == 3)
        #expect(found[1] == #"{"id":1,"price":19.990,"name":"A \"q\" ]}","tags":["x",{"k":[1,2]}]}"#)
        #expect(found[2] == #"{"name":"B","id":"2"}"#)
        #expect(found[3] == #"{"id": 3 ,"nested":{"id":99}}"#)
    }

    @Test func skipsElementsWithoutUsableID() throws {
        let found = try documents(#"{"status":"ok","products":[{"name":"x"},{"id":"abc"},7,{"id":4}]}"#)
        #expect(Array(found.keys) == [4])
    }

    @Test func categoriesMember() throws {
        let found = try documents(#"{"status":"ok","categories":[{"id":10,"name":"Shoes","subcategories":[]}]}"#, member: "categories")
        #expect(found[10] == #"{"id":10,"name":"Shoes","subcategories":[]}"#)
    }

    @Test func emptyOrNullListIsEmpty() throws {
        #expect(try documents(#"{"status":"ok","products":[]}"#).isEmpty)
        #expect(try documents(#"{"status":"ok","products":null}"#).isEmpty)
    }

    @Test func missingListIsAnError() throws {
        #expect(throws: (any Error).self) { try documents(#"{"status":"ok"}"#) }
    }

    @Test func scannerRejectsNonJSON() {
        for text in ["<html></html>", "", "{", #"{"a":}"#, #"{"a":1,}"#, #"{"a":1} x"#, #"{"a":tru}"#, "[1 2]"] {
            #expect(throws: JSONScanner.Failure.self, "\(text)") { try ResponseEnvelope(body: Array(text.utf8)) }
        }
    }

    @Test func scannerReadsEnvelopeFields() throws {
        let envelope = try ResponseEnvelope(
            body: Array(#"{"status":"error","type":"ParsingError","message":"bad \"json\"\n","id":12}"#.utf8))
        #expect(envelope.isError)
        #expect(envelope.type == "ParsingError")
        #expect(envelope.message == "bad \"json\"\n")
        #expect(envelope.errorID == "12")
    }
}
