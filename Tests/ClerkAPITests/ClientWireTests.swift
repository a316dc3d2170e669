import AsyncHTTPClient
import ClerkAPI
import Foundation
import Logging
import Reliability
import Testing

/// The client's behaviour on the wire, against a canned loopback server: headers, bodies, query strings,
/// timeouts and transport failures.
@Suite("client on the wire")
struct ClientWireTests {
    let keys = ClerkStoreKeys(publicKey: "pub-1", privateKey: "priv-1")

    func withClient<T>(
        port: Int, timeout: Duration = .seconds(5), _ body: (ClerkClient) async throws -> T
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

    @Test func upsertSendsHeadersAndConcatenatedBody() async throws {
        let server = try CannedHTTPServer { _ in CannedHTTPServer.response(status: 200, body: #"{"status":"ok"}"#) }
        defer { server.stop() }
        let documents = [RawDocument(id: 1, json: Array(#"{"id":1,"name":"A"}"#.utf8))]
        try await withClient(port: server.port) { try await $0.upsertProducts(documents, keys: keys) }

        let request = text(try #require(server.requests.first))
        let lines = request.lowercased()
        #expect(request.hasPrefix("POST /v2/products HTTP/1.1\r\n"))
        #expect(lines.contains("content-type: application/json\r\n"))
        #expect(lines.contains("accept: application/json\r\n"))
        #expect(lines.contains("user-agent: clerkbridge/0.1\r\n"))
        #expect(request.hasSuffix("\r\n\r\n" + #"{"key":"pub-1","private_key":"priv-1","products":[{"id":1,"name":"A"}]}"#))
    }

    @Test func deleteAndReadUseJSONListsInTheQuery() async throws {
        let server = try CannedHTTPServer { request in
            let line = String(decoding: request.prefix(while: { $0 != 13 }), as: UTF8.self)
            if line.hasPrefix("GET") {
                return CannedHTTPServer.response(
                    status: 200, body: #"{"status":"ok","products":[{"id":"5","name":"x"},{"id":6,"price":1.50}]}"#)
            }
            return CannedHTTPServer.response(status: 200, body: #"{"status":"ok"}"#)
        }
        defer { server.stop() }
        let found = try await withClient(port: server.port) { client in
            try await client.deleteProducts(ids: [1, 2], keys: keys)
            try await client.deleteCategories(ids: [], keys: keys)
            return try await client.products(ids: [5, 6, 7], as: AnyJSON.self, keys: keys)
        }
        #expect(found == [
            5: .object(["id": .string("5"), "name": .string("x")]),
            6: .object(["id": .number(6), "price": .number(Decimal(string: "1.5")!)]),
        ])
        let lines = server.requests.map { text($0).components(separatedBy: "\r\n")[0] }
        #expect(lines == [
            "DELETE /v2/products?key=pub-1&private_key=priv-1&products=%5B1%2C2%5D HTTP/1.1",
            "GET /v2/products?key=pub-1&private_key=priv-1&products=%5B5%2C6%2C7%5D HTTP/1.1",
        ])
        #expect(!text(server.requests[0]).lowercased().contains("content-type"))
    }

    @Test func readsAreChunkedByAHundredIDs() async throws {
        let server = try CannedHTTPServer { _ in CannedHTTPServer.response(status: 200, body: #"{"status":"ok","products":[]}"#) }
        defer { server.stop() }
        let found = try await withClient(port: server.port) {
            try await $0.products(ids: Array(1...250), as: AnyJSON.self, keys: keys)
        }
        #expect(found.isEmpty)
        #expect(server.requests.count == 3)
    }

    @Test func errorEnvelopeUnderHTTP200Throws() async throws {
        let server = try CannedHTTPServer { _ in
            CannedHTTPServer.response(
                status: 200, headers: ["Retry-After": "2"],
                body: #"{"status":"error","type":"AuthenticationError","message":"Invalid key","moreInfo":"u","id":"i"}"#)
        }
        defer { server.stop() }
        let error = await #expect(throws: ClerkError.self) {
            try await withClient(port: server.port) { try await $0.verifyKeys(keys) }
        }
        #expect(error?.kind == .authentication)
        #expect(error?.httpStatus == 200)
        #expect(error?.retryAfter == .seconds(2))
        #expect(error.map { text($0.requestPayload) } == "GET /products?key=pub-1&private_key=***&products=%5B%5D")
    }

    @Test func silentServerTimesOut() async throws {
        let server = try CannedHTTPServer { _ in nil }
        defer { server.stop() }
        let started = ContinuousClock.now
        let error = await #expect(throws: ClerkError.self) {
            try await withClient(port: server.port, timeout: .milliseconds(300)) {
                try await $0.upsertProducts([RawDocument(id: 1, json: Array(#"{"id":1}"#.utf8))], keys: keys)
            }
        }
        #expect(error?.kind == .timeout)
        #expect(error?.retryability.mayRetry == true)
        #expect(error.map { text($0.requestPayload) } == #"{"key":"pub-1","private_key":"***","products":[{"id":1}]}"#)
        // The server never answers: only the client's 300 ms timeout ends the call. The bound leaves a loaded
        // machine room while still failing a client that waits for the server.
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test func refusedConnectionIsTransport() async throws {
        let closed = ClosedPort()
        let error = await #expect(throws: ClerkError.self) {
            // A refusal answers at once; the generous timeout only keeps a loaded machine from turning it into one.
            try await withClient(port: closed.port, timeout: .seconds(10)) { try await $0.verifyKeys(keys) }
        }
        withExtendedLifetime(closed) {}
        #expect(error?.kind == .transport)
        #expect(error?.retryability.mayRetry == true)
        #expect(error.map { !$0.description.contains("priv-1") } == true)
    }

    @Test func emptyWritesSendNothing() async throws {
        let server = try CannedHTTPServer { _ in CannedHTTPServer.response(status: 500, body: "") }
        defer { server.stop() }
        try await withClient(port: server.port) { client in
            try await client.upsertProducts([], keys: keys)
            try await client.upsertCategories([], keys: keys)
            try await client.deleteProducts(ids: [], keys: keys)
            #expect(try await client.categories(ids: [], as: AnyJSON.self, keys: keys).isEmpty)
        }
        #expect(server.requests.isEmpty)
    }
}
