import AsyncHTTPClient
import Foundation
import Logging
import Reliability
import Testing

@testable import BigCommerceAPI

@Suite("Errors")
struct ErrorTests {
    static let token = "tok-SECRET-9f8e7d"
    let credentials = BigCommerceCredentials(storeHash: "abc123", accessToken: ErrorTests.token)

    func error(_ status: Int, _ endpoint: Endpoint, body: String = "") -> BigCommerceError {
        BigCommerceClient.httpError(status: status, body: Array(body.utf8), endpoint: endpoint, credentials: credentials)
    }

    @Test func unauthorizedNamesTheAccessToken() {
        let error = error(401, Endpoint(.v3, "catalog/products"))
        #expect(error == .unauthorized(endpoint: "GET /v3/catalog/products"))
        #expect(error.description.contains("BIGCOMMERCE_ACCESS_TOKEN"))
        #expect(!error.retryability.mayRetry)
    }

    @Test func storeNotFoundNamesTheStoreHash() {
        let error = error(404, Endpoint(.v2, "store"))
        #expect(error == .storeNotFound(storeHash: "abc123"))
        #expect(error.description.contains("BIGCOMMERCE_STORE_HASH"))
        #expect(error.description.contains("abc123"))
        #expect(self.error(404, Endpoint(.v3, "catalog/products/5")) != .storeNotFound(storeHash: "abc123"))
    }

    @Test func forbiddenNamesTheEndpointAndScope() {
        let error = error(403, Endpoint(.v3, "pricelists"))
        #expect(error.description.contains("GET /v3/pricelists"))
        #expect(error.description.contains("scope"))
    }

    @Test func transientClassification() {
        #expect(error(500, Endpoint(.v3, "x")).retryability.mayRetry)
        #expect(error(503, Endpoint(.v3, "x")).retryability.mayRetry)
        #expect(error(408, Endpoint(.v3, "x")).retryability.mayRetry)
        #expect(error(429, Endpoint(.v3, "x")).retryability.mayRetry)
        #expect(!error(422, Endpoint(.v3, "x")).retryability.mayRetry)
        #expect(!error(413, Endpoint(.v3, "x")).retryability.mayRetry)
        #expect(BigCommerceError.transport("x").retryability.mayRetry)
        #expect(BigCommerceError.timeout(endpoint: "x").retryability.mayRetry)
        #expect(!BigCommerceError.decoding(endpoint: "x", context: "y").retryability.mayRetry)
    }

    @Test func tokenNeverAppearsInErrors() {
        let body = #"{"status": 422, "title": "bad token \#(Self.token)"}"#
        let errors: [BigCommerceError] = [
            error(401, Endpoint(.v3, "a")), error(403, Endpoint(.v3, "a")), error(404, Endpoint(.v2, "store")),
            error(422, Endpoint(.v3, "a", query: [("q", Self.token)]), body: body),
            error(500, Endpoint(.v3, "a"), body: body),
            BigCommerceClient.transportError(
                TestFailure(text: "failed with \(Self.token)"), endpoint: Endpoint(.v3, "a"), credentials: credentials),
        ]
        for error in errors {
            #expect(!error.description.contains(Self.token), "\(error)")
            #expect(!String(reflecting: error).contains(Self.token))
        }
        #expect(errors[3].description.contains("***"))
    }

    @Test func credentialsDescriptionRedactsToken() {
        #expect(!credentials.description.contains(Self.token))
        #expect(!String(reflecting: credentials).contains(Self.token))
        var dumped = ""
        dump(credentials, to: &dumped)
        #expect(!dumped.contains(Self.token))
        #expect(credentials.description.contains("abc123"))
    }

    @Test func longBodiesAreTruncated() {
        let error = error(500, Endpoint(.v3, "a"), body: String(repeating: "x", count: 10_000))
        #expect(error.description.count < 2_200)
    }

    @Test func connectionRefusedNamesTheHost() async throws {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(1)
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        try await Loopback.withRefusingPort { port in
            let local = BigCommerceCredentials(
                storeHash: "abc123", accessToken: Self.token, apiURL: URL(string: "http://127.0.0.1:\(port)")!)
            let client = BigCommerceClient(credentials: local, httpClient: httpClient, logger: Logger(label: "test"))
            do {
                _ = try await client.store()
                Issue.record("expected a transport error")
            } catch let error as BigCommerceError {
                #expect(error.description == "cannot reach http://127.0.0.1:\(port): connection refused")
                #expect(error.retryability == .outage)
            }
        }
        try await httpClient.shutdown()
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var text: String
    var description: String { text }
}
