@testable import CatalogMapping
import Foundation
import Testing

/// Canonical JSON, content hash, parsing and comparison of Clerk documents.
@Suite struct ClerkDocumentTests {
    typealias F = Fixtures

    let sample = ClerkDocument(id: 7, attributes: [
        "price": .number(F.d("12.50")),
        "é": .string("Côté"),
        "name": .string("Tee \"A\"\\\n\u{01}"),
        "list": .list([.int(1), .bool(true), .number(F.d("10.00"))]),
        "empty": .string(""),
    ])

    @Test func sha256KnownVectors() {
        #expect(SHA256.hexDigest([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexDigest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hexDigest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hexDigest(Array(repeating: 0x61, count: 55)) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        #expect(SHA256.hexDigest(Array(repeating: 0x61, count: 64)) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
        #expect(SHA256.hexDigest(Array(repeating: 0x61, count: 200)) == "c2a908d98f5df987ade41b5fce213067efbcc21ef2240212a41e54b5e7c28ae5")
    }

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

    @Test func contentHashIsSHA256OfCanonicalJSON() {
        #expect(sample.contentHash == "c689bb6354b8c596cf00553bc2940e086752a4eef2e91eb1d6513ff63e03e314")
        var reordered: [String: ClerkValue] = [:]
        for key in sample.attributes.keys.sorted().reversed() {
            reordered[key] = sample.attributes[key]
        }
        #expect(ClerkDocument(id: 7, attributes: reordered).contentHash == sample.contentHash)
        var changed = sample
        changed.attributes["price"] = .number(F.d("12.51"))
        #expect(changed.contentHash != sample.contentHash)
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
        #expect(reparsed.contentHash == mapped.contentHash)
    }

    @Test func parsesDocumentsAsClerkReturnsThem() throws {
        let json = #"{ "id" : "42", "name": "X\u00e9\ud83d\ude00\n\/", "price": 10.0, "stock": 3, "tags": [],"#
            + #" "extra": null, "meta": {"a": 1}, "big": 1.5e2, "ok": false }"#
        let document = try ClerkDocument(json: Array(json.utf8))
        #expect(document.id == 42)
        #expect(document.attributes == [
            "id": .int(42), "name": .string("Xé😀\n/"), "price": .number(10), "stock": .int(3),
            "big": .number(150), "ok": .bool(false),
        ])
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
