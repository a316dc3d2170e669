import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Testing

/// CORS on the `/v1` routes comes from their one middleware: the same headers on every route and every answer,
/// refusals included, for the storefront's origin only; the events preflight.
@Suite("CORS of the /v1 routes")
struct StorefrontCORSMiddlewareTests {
    /// A `/v1` route without a line about CORS: whatever CORS it answers with comes from the group.
    struct Plain: ShopperRoute {
        func addRoutes(to group: RouterGroup<ServerRequestContext>) {
            group.get("plain") { _, _ in "plain" }
            group.get("plain/refusal") { _, _ -> String in
                throw APIError(.conflict, code: "refused", message: "a refusal")
            }
        }
    }

    static let routes = ServeRouter.getRoutes.filter { $0.hasPrefix("/v1/") } + [
        "/v1/plain", "/v1/plain/refusal", "/v1/recommendations?placement=nope", "/v1/search?sort=cheapest",
        "/v1/search/predictive", "/v1/email/blocks?email=jo%40example.com",
    ]

    @Test func everyV1AnswerToTheStorefrontsOriginCarriesTheCORSHeadersAndNoOtherOriginsDoes() async throws {
        try await ServeRouter.with(extraRoutes: [Plain()]) { serve in
            try await serve.test { client in
                var statuses: Set<Int> = []
                for uri in Self.routes {
                    for method in [HTTPRequest.Method.get, .head] {
                        let plain = try await client.execute(uri: uri, method: method) { $0 }
                        #expect(plain.headers[.accessControlAllowOrigin] == nil, "\(method) \(uri)")
                        let shop = try await client.execute(
                            uri: uri, method: method, headers: ServeRouter.headers(origin: ServeRouter.origin)) { $0 }
                        #expect(shop.status == plain.status, "\(method) \(uri)")
                        #expect(shop.headers[.accessControlAllowOrigin] == ServeRouter.origin, "\(method) \(uri)")
                        #expect(shop.headers[.accessControlAllowCredentials] == "true", "\(method) \(uri)")
                        #expect(shop.headers[values: .vary] == ["Origin"], "\(method) \(uri)")
                        // A page elsewhere is answered as a server would be, but its browser keeps the answer from it.
                        let elsewhere = try await client.execute(
                            uri: uri, method: method, headers: ServeRouter.headers(origin: "https://evil.example.net")) { $0 }
                        #expect(elsewhere.status == plain.status, "\(method) \(uri)")
                        #expect(elsewhere.headers[.accessControlAllowOrigin] == nil, "\(method) \(uri)")
                        #expect(elsewhere.headers[.accessControlAllowCredentials] == nil, "\(method) \(uri)")
                        statuses.insert(Int(shop.status.code))
                    }
                }
                #expect(statuses == [200, 400, 401, 404, 409], "answers and refusals alike")

                let batch = #"{"events":[{"id":"a","type":"product_viewed","visitor_id":"v1","occurred_at":"2026-11-24T10:00:00Z","product_id":1}]}"#
                for (body, status) in [(batch, HTTPResponse.Status.ok), ("{not json", .badRequest)] {
                    try await client.execute(
                        uri: "/v1/events", method: .post, headers: ServeRouter.headers(origin: ServeRouter.origin),
                        body: ByteBuffer(string: body)
                    ) { response in
                        #expect(response.status == status)
                        #expect(response.headers[.accessControlAllowOrigin] == ServeRouter.origin)
                        #expect(response.headers[.accessControlAllowCredentials] == "true")
                    }
                }
                for uri in ["/healthz", "/storefront.js"] {
                    try await client.execute(uri: uri, method: .get, headers: ServeRouter.headers(origin: ServeRouter.origin)) {
                        #expect($0.status == .ok && $0.headers[.accessControlAllowOrigin] == nil, "not a /v1 route: \(uri)")
                    }
                }
            }
        }
    }

    @Test func theEventsPreflightIsAnsweredForTheStorefrontsOriginOnly() async throws {
        try await ServeRouter.with { serve in
            try await serve.test { client in
                var preflight = ServeRouter.headers(origin: ServeRouter.origin)
                preflight[.accessControlRequestMethod] = "POST"
                preflight[.accessControlRequestHeaders] = "content-type"
                try await client.execute(uri: "/v1/events", method: .options, headers: preflight) { response in
                    #expect(response.status == .noContent && response.body.readableBytes == 0)
                    let expected: HTTPFields = [
                        .accessControlAllowOrigin: ServeRouter.origin, .accessControlAllowCredentials: "true", .vary: "Origin",
                        .accessControlAllowMethods: "POST, OPTIONS", .accessControlAllowHeaders: "Content-Type",
                        .accessControlMaxAge: "86400",
                    ]
                    for field in expected { #expect(response.headers[field.name] == field.value, "\(field.name)") }
                }
                // A client that is not a browser asks no CORS question and gets no CORS answer.
                try await client.execute(uri: "/v1/events", method: .options) { response in
                    #expect(response.status == .noContent && response.headers[.accessControlAllowOrigin] == nil)
                }
                preflight[.origin] = "https://evil.example.net"
                try await client.execute(uri: "/v1/events", method: .options, headers: preflight) { response in
                    #expect(response.status == .forbidden)
                    #expect(String(buffer: response.body).contains(#""code":"origin_not_allowed""#))
                    #expect(response.headers[.accessControlAllowOrigin] == nil)
                }
            }
        }
    }
}
