import AsyncHTTPClient
import ClerkAPI
import Foundation
import Logging
import Testing

/// Recommendations and search against a canned loopback server: what is sent, how realistic answers decode
/// (facets included), error envelopes under HTTP 200, and the per-call timeout.
@Suite("recommendations and search on the wire")
struct ReadWireTests {
    let keys = ClerkStoreKeys(publicKey: "pub-1", privateKey: "priv-1")

    func withClient<T>(
        port: Int, timeout: Duration = .seconds(10), _ body: (ClerkClient) async throws -> T
    ) async throws -> T {
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let client = ClerkClient(
            baseURL: URL(string: "http://127.0.0.1:\(port)/v2")!, httpClient: http, timeout: timeout,
            logger: Logger(label: "test"))
        do {
            let result = try await body(client)
            try await http.shutdown()
            return result
        } catch {
            try await http.shutdown()
            throw error
        }
    }

    func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    func canned(_ body: String, status: Int = 200) throws -> CannedHTTPServer {
        try CannedHTTPServer { _ in CannedHTTPServer.response(status: status, body: body) }
    }

    @Test func recommendationsSendThePublicKeyOnlyAndReturnIDsInOrder() async throws {
        let server = try canned(#"{"status":"ok","result":[31, "7", 112]}"#)
        defer { server.stop() }
        let ids = try await withClient(port: server.port) {
            try await $0.recommendations(
                .substituting(products: [5]), limit: 3, visitor: "aR9Km32l", labels: ["PDP - Alternatives"],
                exclude: [5], keys: keys)
        }
        #expect(ids == [31, 7, 112])
        let request = text(try #require(server.requests.first))
        #expect(request.hasPrefix("POST /v2/recommendations/substituting HTTP/1.1\r\n"))
        #expect(request.lowercased().contains("content-type: application/json\r\n"))
        #expect(!request.contains("priv-1") && !request.contains("private_key"))
        #expect(
            request.hasSuffix(
                "\r\n\r\n"
                    + #"{"key":"pub-1","exclude":[5],"labels":["PDP - Alternatives"],"limit":3,"products":[5],"visitor":"aR9Km32l"}"#
            ))
    }

    @Test func searchDecodesHitsAndTypedFacets() async throws {
        let server = try canned(
            #"""
            {"status":"ok","count":2,"hits":57,"result":[12,13],"no_exact_match":false,
             "facets":{"brand":[{"type":"unit","name":"Acme","value":"Acme","count":40},
                                {"type":"unit","name":"Bolt & Co","value":"Bolt & Co","count":17}],
                       "categories":[{"type":"unit","name":"Shoes","value":23,"count":57}],
                       "price":[{"type":"range","name":"50 - 74","min":50.0,"max":74.99,"count":9},
                                {"type":"range","name":"75 - 99","min":75,"max":99.99,"count":3}]}}
            """#)
        defer { server.stop() }
        let result = try await withClient(port: server.port) {
            try await $0.search(
                query: "shoe", limit: 2, offset: 2, visitor: "v1", labels: ["Search"],
                facets: ["brand", "categories", "price"],
                orderBy: "price", order: .ascending, keys: keys)
        }
        #expect(result.ids == [12, 13])
        #expect(result.hits == 57)
        #expect(result.count == 2)
        #expect(!result.noExactMatch)
        #expect(
            result.facets["brand"] == [
                .unit(name: "Acme", value: "Acme", count: 40), .unit(name: "Bolt & Co", value: "Bolt & Co", count: 17),
            ])
        #expect(result.facets["categories"] == [.unit(name: "Shoes", value: "23", count: 57)])
        #expect(
            result.facets["price"] == [
                .range(name: "50 - 74", min: Decimal(50), max: Decimal(string: "74.99")!, count: 9),
                .range(name: "75 - 99", min: Decimal(75), max: Decimal(string: "99.99")!, count: 3),
            ])
        #expect(
            text(try #require(server.requests.first)).hasSuffix(
                #"{"key":"pub-1","facets":["brand","categories","price"],"labels":["Search"],"limit":2,"offset":2,"order":"asc","orderby":"price","query":"shoe","visitor":"v1"}"#
            ))
    }

    @Test func searchWithoutFacetsOrCounts() async throws {
        let server = try canned(#"{"status":"ok","result":[],"facets":null,"no_exact_match":true}"#)
        defer { server.stop() }
        let result = try await withClient(port: server.port) {
            try await $0.search(query: "zzz", limit: 5, visitor: nil, labels: ["Search"], keys: keys)
        }
        #expect(result == ClerkSearchResult(ids: [], hits: 0, count: 0, facets: [:], noExactMatch: true))
    }

    @Test func predictiveCategoriesAndSuggestions() async throws {
        let server = try CannedHTTPServer { request in
            let line = String(decoding: request.prefix(while: { $0 != 13 }), as: UTF8.self)
            let body: String
            if line.contains("/search/predictive") {
                body = #"{"status":"ok","query":"sh","hits":3,"result":[4,5,6],"no_exact_match":false}"#
            } else if line.contains("/search/categories") {
                body =
                    #"{"status":"ok","result":[23,24],"categories":[{"id":23,"name":"Shoes","url":"https://shop/shoes/"},{"id":"24","name":"Shirts"}]}"#
            } else {
                body = #"{"status":"ok","result":["shoes","short \"pants\""]}"#
            }
            return CannedHTTPServer.response(status: 200, body: body)
        }
        defer { server.stop() }
        let (predicted, categories, suggestions) = try await withClient(port: server.port) { client in
            (
                try await client.predictive(query: "sh", limit: 3, visitor: "v1", labels: ["Instant"], keys: keys),
                try await client.categories(query: "sh", limit: 2, visitor: nil, keys: keys),
                try await client.suggestions(query: "sh", limit: 2, visitor: "v1", keys: keys)
            )
        }
        #expect(predicted == [4, 5, 6])
        #expect(
            categories == [
                ClerkCategoryHit(id: 23, name: "Shoes", url: "https://shop/shoes/"),
                ClerkCategoryHit(id: 24, name: "Shirts", url: nil),
            ])
        #expect(suggestions == ["shoes", #"short "pants""#])
        let lines = server.requests.map { text($0).components(separatedBy: "\r\n")[0] }
        #expect(
            lines == [
                "POST /v2/search/predictive HTTP/1.1", "POST /v2/search/categories HTTP/1.1",
                "POST /v2/search/suggestions HTTP/1.1",
            ])
        #expect(server.requests.allSatisfy { !text($0).contains("priv-1") })
    }

    @Test func errorEnvelopeUnderHTTP200IsAnError() async throws {
        let server = try canned(
            #"{"status":"error","type":"ParsingError","message":"Invalid filter","moreInfo":"u","id":"e1"}"#)
        defer { server.stop() }
        let error = await #expect(throws: ClerkError.self) {
            try await withClient(port: server.port) {
                try await $0.recommendations(
                    .popular, limit: 3, visitor: nil, labels: ["Home"], filter: "price >", keys: keys)
            }
        }
        #expect(error?.kind == .parsing)
        #expect(error?.httpStatus == 200)
        #expect(error?.endpoint == "POST /recommendations/popular")
        #expect(
            error.map { text($0.requestPayload) } == #"{"key":"pub-1","filter":"price >","labels":["Home"],"limit":3}"#)

        let search = await #expect(throws: ClerkError.self) {
            try await withClient(port: server.port) {
                try await $0.search(query: "x", limit: 1, visitor: nil, labels: [], keys: keys)
            }
        }
        #expect(search?.kind == .parsing)
    }

    @Test func unexpectedShapesAreHTTPErrors() async throws {
        let server = try canned(#"{"status":"ok","result":[1,"two"]}"#)
        defer { server.stop() }
        let error = await #expect(throws: ClerkError.self) {
            try await withClient(port: server.port) {
                try await $0.recommendations(.new, limit: 2, visitor: nil, labels: ["L"], keys: keys)
            }
        }
        #expect(error?.kind == .http)
        #expect(error.map { text($0.responseBody) } == #"{"status":"ok","result":[1,"two"]}"#)

        let facets = try canned(
            #"{"status":"ok","result":[],"facets":{"price":[{"type":"range","name":"x","count":1}]}}"#)
        defer { facets.stop() }
        let facetError = await #expect(throws: ClerkError.self) {
            try await withClient(port: facets.port) {
                try await $0.search(query: "x", limit: 1, visitor: nil, labels: [], facets: ["price"], keys: keys)
            }
        }
        #expect(facetError?.kind == .http)
    }

    @Test func visitorEndpointsWithoutAVisitorAreRefusedBeforeSending() async throws {
        let server = try canned(#"{"status":"ok","result":[]}"#)
        defer { server.stop() }
        for recommendation in [ClerkRecommendation.visitorHistory, .visitorComplementary, .visitorSubstituting] {
            let error = await #expect(throws: ClerkError.self) {
                try await withClient(port: server.port) {
                    try await $0.recommendations(recommendation, limit: 2, visitor: nil, labels: ["L"], keys: keys)
                }
            }
            #expect(error?.kind == .parsing)
        }
        let empty = await #expect(throws: ClerkError.self) {
            try await withClient(port: server.port) {
                try await $0.recommendations(
                    .complementary(products: []), limit: 2, visitor: "v1", labels: ["L"], keys: keys)
            }
        }
        #expect(empty?.kind == .parsing)
        #expect(server.requests.isEmpty)
    }

    @Test func perCallTimeoutOverridesTheClients() async throws {
        let server = try CannedHTTPServer { _ in nil }
        defer { server.stop() }
        let started = ContinuousClock.now
        let error = await #expect(throws: ClerkError.self) {
            try await withClient(port: server.port, timeout: .seconds(30)) {
                try await $0.recommendations(
                    .popular, limit: 2, visitor: nil, labels: ["L"], timeout: .milliseconds(300), keys: keys)
            }
        }
        #expect(error?.kind == .timeout)
        // The client's own 30 s would also end in a timeout; ending well before it shows the call's 300 ms won.
        #expect(ContinuousClock.now - started < .seconds(20))
    }
}
