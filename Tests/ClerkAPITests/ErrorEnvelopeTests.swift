import Foundation
import Reliability
import Testing

@testable import ClerkAPI

@Suite("error envelope")
struct ErrorEnvelopeTests {
    let request = ClerkRequest.json(.post, path: "products", keys: ClerkStoreKeys(publicKey: "pub", privateKey: "priv")) {
        $0.addRawArray("products", [Array(#"{"id":1}"#.utf8)])
    }

    func envelope(type: String) -> [UInt8] {
        Array(
            #"{"status":"error","type":"\#(type)","message":"it went wrong","moreInfo":"http://help.clerk.io/error/abc","id":"abc"}"#
                .utf8)
    }

    func failure(status: Int, body: [UInt8], retryAfter: Duration? = nil) throws -> ClerkError {
        let response = ClerkResponse(status: status, retryAfter: retryAfter, body: body)
        let error = #expect(throws: ClerkError.self) { try response.validate(for: request) }
        return try #require(error)
    }

    @Test(arguments: [
        ("AuthenticationError", ClerkError.Kind.authentication),
        ("ParsingError", .parsing),
        ("LogicalError", .logical),
        ("InternalError", .internalError),
    ])
    func errorUnderHTTP200IsAnError(type: String, kind: ClerkError.Kind) throws {
        let error = try failure(status: 200, body: envelope(type: type))
        #expect(error.kind == kind)
        #expect(error.type == type)
        #expect(error.httpStatus == 200)
        #expect(error.message == "it went wrong")
        #expect(error.moreInfo == "http://help.clerk.io/error/abc")
        #expect(error.errorID == "abc")
        #expect(error.endpoint == "POST /products")
        #expect(error.responseBody == envelope(type: type))
        #expect(error.requestPayload == Array(#"{"key":"pub","private_key":"***","products":[{"id":1}]}"#.utf8))
        #expect(error.description == "Clerk \(type) on POST /products (HTTP 200): it went wrong [error id abc] (http://help.clerk.io/error/abc)")
    }

    @Test(arguments: [
        ("AuthenticationError", ClerkError.Kind.authentication),
        ("ParsingError", .parsing),
        ("LogicalError", .logical),
        ("InternalError", .internalError),
    ])
    func errorUnderHTTP400(type: String, kind: ClerkError.Kind) throws {
        let error = try failure(status: 400, body: envelope(type: type))
        #expect(error.kind == kind)
        #expect(error.httpStatus == 400)
    }

    @Test func okEnvelopeSucceeds() throws {
        let response = ClerkResponse(status: 200, retryAfter: nil, body: Array(#" {"status": "ok"} "#.utf8))
        let envelope = try response.validate(for: request)
        #expect(envelope.isOK)
    }

    @Test func unknownErrorTypeFallsBackToHTTPStatus() throws {
        #expect(try failure(status: 200, body: envelope(type: "WeirdError")).kind == .http)
        #expect(try failure(status: 401, body: envelope(type: "WeirdError")).kind == .authentication)
        let error = try failure(status: 200, body: Array(#"{"status":"error"}"#.utf8))
        #expect(error.kind == .http)
        #expect(error.message == "status error without a message")
    }

    @Test func status413IsPayloadTooLarge() throws {
        let plain = try failure(status: 413, body: Array("<html>Request Entity Too Large</html>".utf8))
        #expect(plain.kind == .payloadTooLarge)
        #expect(!plain.retryability.mayRetry)
        let json = try failure(status: 413, body: Array(#"{"status":"error","message":"too big"}"#.utf8))
        #expect(json.kind == .payloadTooLarge)
        #expect(json.message == "too big")
    }

    @Test func nonJSONBodies() throws {
        let gateway = try failure(status: 502, body: Array("<html>Bad Gateway</html>".utf8))
        #expect(gateway.kind == .http)
        #expect(gateway.retryability.mayRetry)
        let unauthorized = try failure(status: 401, body: Array("Unauthorized".utf8))
        #expect(unauthorized.kind == .authentication)
        let odd = try failure(status: 200, body: Array("ok".utf8))
        #expect(odd.kind == .http)
        #expect(!odd.retryability.mayRetry)
        let empty = try failure(status: 500, body: [])
        #expect(empty.kind == .http && empty.retryability.mayRetry)
    }

    @Test func successStatusWithoutEnvelopeStatusIsAccepted() throws {
        let response = ClerkResponse(status: 200, retryAfter: nil, body: Array(#"{"products":[]}"#.utf8))
        #expect(try response.validate(for: request).status == nil)
        #expect(try response.decode(DocumentList<AnyJSON>.self, for: request) { try $0.documents(in: .products) }.isEmpty)
    }

    @Test func okBodyUnderErrorStatusIsAnError() throws {
        let error = try failure(status: 503, body: Array(#"{"status":"ok"}"#.utf8))
        #expect(error.kind == .http)
        #expect(error.retryability.mayRetry)
    }

    @Test func retryAfterIsKept() throws {
        let error = try failure(status: 429, body: Array("slow down".utf8), retryAfter: .seconds(7))
        #expect(error.retryAfter == .seconds(7))
        #expect(error.retryability.mayRetry)
        #expect(error.description.contains("retry after"))
    }

    @Test func retryAfterParsing() {
        #expect(RetryAfter.parse("120") == .seconds(120))
        #expect(RetryAfter.parse(" 3 ") == .seconds(3))
        #expect(RetryAfter.parse(nil) == nil)
        #expect(RetryAfter.parse("soon") == nil)
        let now = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT
        #expect(RetryAfter.parse("Wed, 21 Oct 2015 07:28:30 GMT", now: now) == .seconds(30))
        #expect(RetryAfter.parse("Wed, 21 Oct 2015 07:27:00 GMT", now: now) == .zero)
    }
}
