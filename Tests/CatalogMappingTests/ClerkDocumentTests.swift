@testable import CatalogMapping
import Foundation
import Testing

/// Canonical JSON, parsing and comparison of Clerk documents (content hashes: `ContentHashTests` in SyncEngineTests).
@Suite struct ClerkDocumentTests {
    typealias F = Fixtures

    let sample = ClerkDocument(id: 7, attributes: [
        "price": .number(F.d("12.50")),
        "é": .string("Côté"),
        "name": .string("Tee \"A\"\\\n\u{01}"),
        "list": .list([.int(1), .bool(true), .number(F.d("10.00"))]),
        "empty": .string(""),
    ])

    @Test func canonicalJSONSortsKeysAndEscapes() {
        let expected = #"{"id":7,"list":[1,true,10],"name":"Tee \"A\"\\\n\u0001","price":12.5,"é":"Côté"}"#
        #expect(String(decoding: sample.canonicalJSON, as: UTF8.self) == expected)
    }

    @Test func decimalsArePlainWithoutTrailingZeros() {
        let document = ClerkDocument(id: 1, attributes: [
            "a": .number(F.d("0.99")), "b": .number(F.d("1e3")), "c": .number(F.d("1e-7")),
            "d": .number(F.d("-0.50")), "e": .number(0), "f": .int(-42),
        ])
        let expected = #"{"a":0.99,"b":1000,"c":0.0000001,"d":-0.5,"e":0,"f":-42,"id":1}"#
        #expect(String(decoding: document.canonicalJSON, as: UTF8.self) == expected)
    }

    @Test func canonicalJSONRoundTrips() throws {
        let parsed = try ClerkDocument(json: sample.canonicalJSON)
        #expect(parsed.id == 7)
        #expect(parsed.differingAttributes(from: sample) == [])
        #expect(parsed.attributes["list"] == .list([.int(1), .bool(true), .int(10)]))
        #expect(parsed.canonicalJSON == sample.canonicalJSON)
        guard case .listed(let mapped) = ProductMapper.map(F.product(), in: F.context(currency: F.eur)) else {
            Issue.record("not listed")
            return
        }
        let reparsed = try ClerkDocument(json: mapped.canonicalJSON)
        #expect(reparsed == mapped)
        #expect(reparsed.canonicalJSON == mapped.canonicalJSON)
    }

    @Test func parsesDocumentsAsClerkReturnsThem() throws {
        let json = #"{ "id" : "42", "name": "X\u00e9\ud83d\ude00\n\/", "price": 10.0, "stock": 3, "tags": [],"#
            + #" "extra": null, "meta": {"a": 1}, "big": 1.5e2, "ok": false, "cents": 19.99,"#
            + #" "huge": 12345678901234567890, "list": [1, 0.1, "x", true], "mixed": [1, null], "objects": [{"a": 1}] }"#
        let document = try ClerkDocument(json: Array(json.utf8))
        #expect(document.id == 42)
        // Foundation's decoder does not say whether a whole number was written `10` or `10.0`: both read as `.int`,
        // which verify compares by value with the mapping's `.number(10)`.
        let list = ClerkValue.list([.int(1), .number(F.d("0.1")), .string("x"), .bool(true)])
        #expect(document.attributes == [
            "id": .int(42), "name": .string("Xé😀\n/"), "price": .int(10), "stock": .int(3),
            "big": .int(150), "ok": .bool(false), "cents": .number(F.d("19.99")),
            "huge": .number(F.d("12345678901234567890")), "list": list,
        ])
        let mapped = ClerkDocument(id: 42, attributes: [
            "name": .string("Xé😀\n/"), "price": .number(10), "stock": .int(3), "big": .number(150), "ok": .bool(false),
            "cents": .number(F.d("19.99")), "huge": .number(F.d("12345678901234567890")), "list": list,
        ])
        #expect(document.differingAttributes(from: mapped) == [])
    }

    @Test func malformedJSONThrows() {
        #expect(throws: ClerkDocumentError.self) { try ClerkDocument(json: Array(#"{"id":1,"#.utf8)) }
        #expect(throws: ClerkDocumentError.notAnObject) { try ClerkDocument(json: Array("[1]".utf8)) }
        #expect(throws: ClerkDocumentError.missingID) { try ClerkDocument(json: Array(#"{"name":"x"}"#.utf8)) }
        #expect(throws: ClerkDocumentError.self) { try ClerkDocument(json: Array(#"{"id":01}"#.utf8)) }
    }

    @Test func differingAttributesComparesNumbersByValue() {
        let local = ClerkDocument(id: 1, attributes: [
            "price": .number(10), "name": .string("A"), "brand": .string("Acme"),
            "prices": .list([.number(F.d("1.50")), .int(2)]),
        ])
        let remote = ClerkDocument(id: 1, attributes: [
            "price": .int(10), "name": .string("B"), "stock": .int(3),
            "prices": .list([.number(F.d("1.5")), .number(2)]),
        ])
        #expect(local.differingAttributes(from: remote) == ["brand", "name", "stock"])
        #expect(remote.differingAttributes(from: local) == ["brand", "name", "stock"])
        #expect(local.differingAttributes(from: local) == [])
    }
}
