import AsyncHTTPClient
import ClerkAPI
import Foundation
import Logging
import Reliability
import Sandbox
import Testing

/// The client against the Sandbox's Clerk simulator on loopback, through the real HTTP stack.
@Suite("client against the Clerk sandbox")
struct SandboxIntegrationTests {
    /// Starts a sandbox, hands a client and the first store's keys to `body`, and tears everything down.
    func withSandbox(
        _ configuration: SandboxConfiguration = SandboxConfiguration(productCount: 1),
        _ body: (SandboxServer, ClerkClient, ClerkStoreKeys) async throws -> Void
    ) async throws {
        let sandbox = try await SandboxServer.start(configuration)
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let client = ClerkClient(
            baseURL: sandbox.clerkURL, httpClient: http, timeout: .seconds(10), logger: Logger(label: "test"))
        let store = sandbox.clerkStores[0]
        let keys = ClerkStoreKeys(publicKey: store.publicKey, privateKey: store.privateKey)
        do {
            try await body(sandbox, client, keys)
        } catch {
            try await http.shutdown()
            await sandbox.shutdown()
            throw error
        }
        try await http.shutdown()
        await sandbox.shutdown()
    }

    func document(_ id: Int, name: String = "Product") -> RawDocument {
        RawDocument(
            id: id,
            json: Array(
                #"{"id":\#(id),"name":"\#(name) \"\#(id)\" é","price":19.99,"list_price":25.5,"stock":3,"on_sale":true,"categories":[1,2],"variant_skus":["A-\#(id)","B-\#(id)"]}"#
                    .utf8))
    }

    func parsed(_ bytes: [UInt8]) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? NSDictionary)
    }

    @Test func upsertThenReadReturnsTheSameDocuments() async throws {
        try await withSandbox { _, client, keys in
            let documents = (1...5).map { document($0) }
            try await client.upsertProducts(documents, keys: keys)
            let read = try await client.products(ids: [1, 2, 3, 4, 5, 99], as: AnyJSON.self, keys: keys)
            #expect(read.keys.sorted() == [1, 2, 3, 4, 5])
            for document in documents {
                #expect(try read[document.id] == AnyJSON.parse(document.json))
            }
        }
    }

    @Test func categoriesRoundTripAndDelete() async throws {
        try await withSandbox { _, client, keys in
            let shoes = RawDocument(id: 10, json: Array(#"{"id":10,"name":"Shoes","url":"https://x/shoes","subcategories":[11]}"#.utf8))
            let trail = RawDocument(id: 11, json: Array(#"{"id":11,"name":"Trail","url":"https://x/trail","subcategories":[]}"#.utf8))
            try await client.upsertCategories([shoes, trail], keys: keys)
            let read = try await client.categories(ids: [10, 11], as: AnyJSON.self, keys: keys)
            #expect(try read[10] == AnyJSON.parse(shoes.json))
            try await client.deleteCategories(ids: [10], keys: keys)
            #expect(try await client.categories(ids: [10, 11], as: AnyJSON.self, keys: keys).keys.sorted() == [11])
        }
    }

    @Test func deleteRemovesProducts() async throws {
        try await withSandbox { sandbox, client, keys in
            try await client.upsertProducts((1...4).map { document($0) }, keys: keys)
            try await client.deleteProducts(ids: [2, 4, 1000], keys: keys)
            #expect(try await client.products(ids: [1, 2, 3, 4], as: AnyJSON.self, keys: keys).keys.sorted() == [1, 3])
            #expect(sandbox.clerkStorage.products(publicKey: keys.publicKey).keys.sorted() == [1, 3])
        }
    }

    @Test func upsertReplacesTheWholeDocument() async throws {
        try await withSandbox { _, client, keys in
            try await client.upsertProducts([document(1)], keys: keys)
            let replacement = RawDocument(id: 1, json: Array(#"{"id":1,"name":"New"}"#.utf8))
            try await client.upsertProducts([replacement], keys: keys)
            let read = try await client.products(ids: [1], as: AnyJSON.self, keys: keys)
            #expect(try read[1] == AnyJSON.parse(replacement.json))
        }
    }

    @Test func verifyKeysAcceptsTheRightPair() async throws {
        try await withSandbox { _, client, keys in
            try await client.verifyKeys(keys)
        }
    }

    @Test func wrongPrivateKeyIsAnAuthenticationErrorUnderHTTP200() async throws {
        try await withSandbox { _, client, keys in
            let wrong = ClerkStoreKeys(publicKey: keys.publicKey, privateKey: "not-the-private-key")
            let verify = await #expect(throws: ClerkError.self) { try await client.verifyKeys(wrong) }
            #expect(verify?.kind == .authentication)
            #expect(verify?.httpStatus == 200)
            #expect(verify?.retryability.mayRetry == false)

            let upsert = await #expect(throws: ClerkError.self) { try await client.upsertProducts([document(1)], keys: wrong) }
            #expect(upsert?.kind == .authentication)
            #expect(upsert?.httpStatus == 200)
            #expect(upsert?.type == "AuthenticationError")
            for error in [verify, upsert].compactMap({ $0 }) {
                #expect(!error.description.contains("not-the-private-key"))
                #expect(!String(decoding: error.requestPayload, as: UTF8.self).contains("not-the-private-key"))
                #expect(!String(decoding: error.responseBody, as: UTF8.self).contains("not-the-private-key"))
            }
        }
    }

    @Test func unknownPublicKeyIsAnAuthenticationError() async throws {
        try await withSandbox { _, client, keys in
            let unknown = ClerkStoreKeys(publicKey: "nobody", privateKey: keys.privateKey)
            let error = await #expect(throws: ClerkError.self) { try await client.verifyKeys(unknown) }
            #expect(error?.kind == .authentication)
            #expect(error?.httpStatus == 401)
        }
    }

    @Test func injectedProductIsAParsingError() async throws {
        try await withSandbox { sandbox, client, keys in
            sandbox.clerkFaults.configure { $0.rejectedProductIDs = [2] }
            let batch = (1...3).map { document($0) }
            let error = await #expect(throws: ClerkError.self) { try await client.upsertProducts(batch, keys: keys) }
            #expect(error?.kind == .parsing)
            #expect(error?.type == "ParsingError")
            #expect(error?.retryability.mayRetry == false)
            #expect(error?.errorID != nil)
            let payload = try parsed(try #require(error?.requestPayload))
            #expect(payload["private_key"] as? String == "***")
            #expect((payload["products"] as? [Any])?.count == 3)
            #expect(try parsed(try #require(error?.responseBody))["type"] as? String == "ParsingError")
            #expect(sandbox.clerkStorage.products(publicKey: keys.publicKey).isEmpty)
        }
    }

    @Test func invalidAttributeNameIsRejectedByClerk() async throws {
        try await withSandbox { _, client, keys in
            let bad = RawDocument(id: 1, json: Array(#"{"id":1,"bad-name":"x"}"#.utf8))
            let error = await #expect(throws: ClerkError.self) { try await client.upsertProducts([bad], keys: keys) }
            #expect(error?.kind == .parsing)
        }
    }

    @Test(arguments: [3_000, 300_000])
    func bodyOverTheLimitIsPayloadTooLarge(documentBytes: Int) async throws {
        try await withSandbox(SandboxConfiguration(productCount: 1, clerkMaxBodyBytes: 2_000)) { _, client, keys in
            let padding = String(repeating: "x", count: documentBytes)
            let big = RawDocument(id: 1, json: Array(#"{"id":1,"name":"\#(padding)"}"#.utf8))
            let error = await #expect(throws: ClerkError.self) { try await client.upsertProducts([big], keys: keys) }
            #expect(error?.kind == .payloadTooLarge)
            #expect(error?.httpStatus == 413)
            #expect(error?.retryability.mayRetry == false)
            try await client.upsertProducts([document(2)], keys: keys)
        }
    }

    @Test func internalErrorIsTransient() async throws {
        try await withSandbox { sandbox, client, keys in
            sandbox.clerkFaults.configure { $0.serverErrorRate = 1 }
            let error = await #expect(throws: ClerkError.self) { try await client.upsertProducts([document(1)], keys: keys) }
            #expect(error?.kind == .internalError)
            #expect(error?.retryability.mayRetry == true)
        }
    }

    @Test func serviceDownIsTransientHTTPError() async throws {
        try await withSandbox { sandbox, client, keys in
            sandbox.clerkFaults.configure { $0.down = true }
            let error = await #expect(throws: ClerkError.self) { try await client.verifyKeys(keys) }
            #expect(error?.kind == .http)
            #expect(error?.httpStatus == 503)
            #expect(error?.retryability.mayRetry == true)
        }
    }

    @Test func slowResponseTimesOut() async throws {
        try await withSandbox { sandbox, _, keys in
            sandbox.clerkFaults.configure { $0.latency = .seconds(1) }
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            let impatient = ClerkClient(
                baseURL: sandbox.clerkURL, httpClient: http, timeout: .milliseconds(200), logger: Logger(label: "test"))
            let error = await #expect(throws: ClerkError.self) { try await impatient.verifyKeys(keys) }
            try await http.shutdown()
            #expect(error?.kind == .timeout)
            #expect(error?.retryability.mayRetry == true)
        }
    }

    @Test func batchedBulkUpsert() async throws {
        try await withSandbox { sandbox, client, keys in
            let documents = (1...2_000).map { document($0) }
            for batch in DocumentBatches().split(documents) {
                try await client.upsertProducts(batch, keys: keys)
            }
            #expect(sandbox.clerkStorage.products(publicKey: keys.publicKey).count == 2_000)
            #expect(sandbox.clerkFaults.counters.writeRequests == 8)
        }
    }
}
