import Foundation
import Testing

@testable import ClerkAPI

@Suite("redaction")
struct RedactionTests {
    let keys = ClerkStoreKeys(publicKey: "pub-1", privateKey: "TOPSECRET\"key")

    @Test func storeKeysDescriptionShowsOnlyPublicKey() {
        #expect(keys.description == "ClerkStoreKeys(publicKey: pub-1, privateKey: ***)")
        #expect(!String(reflecting: keys).contains("TOPSECRET"))
        #expect(!"\(keys)".contains("TOPSECRET"))
        var dumped = ""
        dump(keys, to: &dumped)
        #expect(!dumped.contains("TOPSECRET"))
    }

    @Test func bodyPayloadReplacesPrivateKeyValue() throws {
        let request = ClerkRequest.json(.post, path: "products", keys: keys) {
            $0.addRawArray("products", [Array(#"{"id":1}"#.utf8)])
        }
        let redacted = String(decoding: request.redactedPayload, as: UTF8.self)
        #expect(redacted == #"{"key":"pub-1","private_key":"***","products":[{"id":1}]}"#)
        #expect(try JSONSerialization.jsonObject(with: Data(request.redactedPayload)) is [String: Any])
        #expect(String(decoding: try #require(request.body).bytes, as: UTF8.self).contains(#"TOPSECRET\"key"#))
    }

    @Test func queryPayloadIsRequestLineWithRedactedKey() {
        let request = ClerkRequest.query(.delete, path: "products", keys: keys, parameters: [("products", "[1,2]")])
        #expect(
            String(decoding: request.redactedPayload, as: UTF8.self)
                == "DELETE /products?key=pub-1&private_key=***&products=%5B1%2C2%5D")
    }

    @Test func errorsNeverContainPrivateKey() throws {
        let request = ClerkRequest.json(.post, path: "products", keys: keys) {
            $0.addRawArray("products", [Array(#"{"id":1}"#.utf8)])
        }
        let echo = #"{"status":"error","type":"AuthenticationError","message":"Invalid private key TOPSECRET\"key","#
            + #""moreInfo":"http://help.clerk.io/error/1","id":"e1","echo":"TOPSECRET%22key"}"#
        let response = ClerkResponse(status: 200, retryAfter: nil, body: Array(echo.utf8))
        let error = #expect(throws: ClerkError.self) { try response.validate(for: request) }
        let failure = try #require(error)
        #expect(failure.kind == .authentication)
        for text in [
            failure.description, failure.message, String(decoding: failure.requestPayload, as: UTF8.self),
            String(decoding: failure.responseBody, as: UTF8.self), String(reflecting: failure),
        ] {
            #expect(!text.contains("TOPSECRET"), "leaked in: \(text)")
        }
        #expect(failure.message == "Invalid private key ***")
    }

    @Test func transportMessagesAreRedacted() {
        let request = ClerkRequest.query(.get, path: "products", keys: keys, parameters: [])
        #expect(request.redacting("failed url ?private_key=TOPSECRET%22key") == "failed url ?private_key=***")
    }
}
