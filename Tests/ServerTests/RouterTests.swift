import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Testing

/// What every route of `serve` shares, through the real router: contract.md's error body for a path no route
/// takes (404) or a method its routes do not answer (405 with `Allow`), and `HEAD` wherever `GET` answers.
@Suite("serve's router")
struct RouterTests {
    /// The `error` object of a contract.md error body.
    static func error(_ response: TestResponse) throws -> [String: Any] {
        let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
        return try #require(body?["error"] as? [String: Any], "\(String(buffer: response.body))")
    }

    @Test(arguments: [TestingSetup.router, .live])
    func anUnknownPathIs404AndAWrongMethod405WithAllowInTheContractsBody(setup: TestingSetup) async throws {
        try await ServeRouter.with { serve in
            try await serve.test(setup) { client in
                for path in ["/nope", "/v1", "/v1/nope", "/v1/search/predictive/more", "/storefront.js/x"] {
                    try await client.execute(uri: path, method: .get) { response in
                        #expect(response.status == .notFound, "\(path)")
                        #expect(response.headers[.contentType] == "application/json", "\(path)")
                        #expect(response.headers[.allow] == nil, "\(path)")
                        let error = try Self.error(response)
                        #expect(error["code"] as? String == "not_found", "\(path)")
                        #expect((error["message"] as? String)?.contains(path) == true, "\(path)")
                    }
                }
                let wrong: [(HTTPRequest.Method, String, String)] = [
                    (.delete, "/v1/search", "GET, HEAD"),
                    (.post, "/v1/recommendations", "GET, HEAD"),
                    (.get, "/v1/events", "OPTIONS, POST"),
                    (.put, "/v1/events", "OPTIONS, POST"),
                    (.post, "/healthz", "GET, HEAD"),
                    (.get, "/webhooks/bigcommerce", "POST"),
                    (.head, "/webhooks/bigcommerce", "POST"),
                    (.options, "/storefront.js", "GET, HEAD"),
                ]
                for (method, path, allow) in wrong {
                    try await client.execute(uri: path, method: method) { response in
                        #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                        #expect(response.headers[.allow] == allow, "\(method) \(path)")
                        guard method != .head else { return }
                        #expect(response.headers[.contentType] == "application/json", "\(method) \(path)")
                        let error = try Self.error(response)
                        #expect(error["code"] as? String == "method_not_allowed", "\(method) \(path)")
                        #expect((error["message"] as? String)?.contains(allow) == true, "\(method) \(path)")
                    }
                }
            }
        }
    }

    /// Over a live server: the router answers `HEAD` with what `GET` answers (a refusal too, whose body it keeps)
    /// and NIO's HTTP encoder leaves the body out, as it does for every `HEAD`.
    @Test func headAnswersWhereverGetDoesWithItsStatusAndHeadersAndNoBody() async throws {
        // Each route answered, and refusing (400, 401, 404): a HEAD is the GET without its body either way.
        let refusals = [
            "/storefront.js?channel_id=9", "/v1/recommendations?placement=nope", "/v1/search?sort=cheapest",
            "/v1/search/predictive", "/v1/email/blocks?email=jo%40example.com",
        ]
        try await ServeRouter.with { serve in
            try await serve.test(.live) { client in
                for uri in ServeRouter.getRoutes + refusals {
                    let get = try await client.execute(uri: uri, method: .get) { $0 }
                    let head = try await client.execute(uri: uri, method: .head) { $0 }
                    #expect(get.body.readableBytes > 0, "\(uri)")
                    #expect(head.status == get.status, "\(uri)")
                    #expect(head.body.readableBytes == 0, "\(uri)")
                    // The date and the measured durations are the only headers that differ from one answer to the next.
                    let varying: Set<HTTPField.Name> = [.date, HTTPField.Name("Server-Timing")!]
                    #expect(
                        head.headers.filter { !varying.contains($0.name) } == get.headers.filter { !varying.contains($0.name) },
                        "\(uri)")
                    #expect(head.headers[.contentLength] == String(get.body.readableBytes), "\(uri)")
                }
                for uri in ServeRouter.getRoutes {
                    #expect(try await client.execute(uri: uri, method: .get) { $0.status } == .ok, "\(uri)")
                }
            }
        }
    }
}
