import Foundation
import Testing

@testable import ClerkAPI

@Suite("request encoding")
struct RequestEncodingTests {
    let keys = ClerkStoreKeys(publicKey: "pub-1", privateKey: "s3cret-priv")

    @Test func jsonListOfIDsIsPercentEncoded() {
        #expect(QueryEncoding.jsonList([1, 2]) == "[1,2]")
        #expect(QueryEncoding.jsonList([Int]()) == "[]")
        #expect(QueryEncoding.percentEncode("[1,2]") == "%5B1%2C2%5D")
        #expect(QueryEncoding.jsonList(["a\"b", "c"]) == #"["a\"b","c"]"#)
    }

    @Test func percentEncodingKeepsOnlyUnreservedCharacters() {
        #expect(QueryEncoding.percentEncode("AZaz09-._~") == "AZaz09-._~")
        #expect(QueryEncoding.percentEncode("a b&c=d/é+") == "a%20b%26c%3Dd%2F%C3%A9%2B")
    }

    @Test func deleteURLCarriesKeysAndJSONList() {
        let request = ClerkRequest.query(
            .delete, path: "products", keys: keys, parameters: [("products", QueryEncoding.jsonList([1, 2]))])
        #expect(
            request.url(base: "https://api.clerk.io/v2/")
                == "https://api.clerk.io/v2/products?key=pub-1&private_key=s3cret-priv&products=%5B1%2C2%5D")
        #expect(request.endpoint == "DELETE /products")
        #expect(request.body == nil)
    }

    @Test func keysWithSpecialCharactersArePercentEncodedInQuery() {
        let odd = ClerkStoreKeys(publicKey: "p&k=1", privateKey: "x y+z")
        let request = ClerkRequest.query(.get, path: "products", keys: odd, parameters: [("products", "[]")])
        #expect(request.url(base: "http://h/v2") == "http://h/v2/products?key=p%26k%3D1&private_key=x%20y%2Bz&products=%5B%5D")
    }

    @Test func publicOnlyQueryOmitsPrivateKey() {
        let request = ClerkRequest.query(
            .get, path: "recommendations/popular", keys: keys, includePrivateKey: false, parameters: [("limit", "5")])
        #expect(request.url(base: "http://h/v2") == "http://h/v2/recommendations/popular?key=pub-1&limit=5")
    }

    @Test func upsertBodyIsConcatenatedValidJSONWithEscapedKeys() throws {
        let odd = ClerkStoreKeys(publicKey: "pub\"quote", privateKey: "priv\\back\nline\u{1}")
        let documents = [
            RawDocument(id: 1, json: Array(#"{"id":1,"name":"Trail \"shoe\"","price":89.0}"#.utf8)),
            RawDocument(id: 2, json: Array(#"{"id":2,"name":"Sock","categories":[1,2]}"#.utf8)),
        ]
        let request = ClerkRequest.json(.post, path: "products", keys: odd) {
            $0.addRawArray("products", documents.lazy.map(\.json))
        }
        let body = try #require(request.body).bytes
        let expected =
            #"{"key":"pub\"quote","private_key":"priv\\back\nline\u0001","products":["#
            + #"{"id":1,"name":"Trail \"shoe\"","price":89.0},{"id":2,"name":"Sock","categories":[1,2]}]}"#
        #expect(String(decoding: body, as: UTF8.self) == expected)

        let object = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        #expect(object["key"] as? String == "pub\"quote")
        #expect(object["private_key"] as? String == "priv\\back\nline\u{1}")
        let products = try #require(object["products"] as? [[String: Any]])
        #expect(products.count == 2)
        #expect(products[0]["name"] as? String == "Trail \"shoe\"")
    }

    @Test func documentsAreCopiedByteForByte() throws {
        let json = Array(#"{"id":7,"price":19.990,"name":"caf\u00e9"}"#.utf8)
        let request = ClerkRequest.json(.post, path: "products", keys: keys) {
            $0.addRawArray("products", [json])
        }
        let body = try #require(request.body).bytes
        #expect(String(decoding: body, as: UTF8.self).contains(#"[{"id":7,"price":19.990,"name":"caf\u00e9"}]"#))
    }

    @Test func emptyDocumentListGivesEmptyArray() throws {
        let request = ClerkRequest.json(.post, path: "products", keys: keys) {
            $0.addRawArray("products", [[UInt8]]())
        }
        let body = try #require(request.body).bytes
        #expect(String(decoding: body, as: UTF8.self) == #"{"key":"pub-1","private_key":"s3cret-priv","products":[]}"#)
    }
}
