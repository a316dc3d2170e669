import AsyncHTTPClient
import Foundation
import Sandbox
import Testing

@Suite("Clerk simulator")
struct ClerkSimulatorTests {
    static let store = SandboxClerkStore.defaults[0]

    static func post(_ sandbox: SandboxServer, products: String, privateKey: String = store.privateKey) async throws -> Fetched {
        let body = #"{"key":"\#(store.publicKey)","private_key":"\#(privateKey)","products":\#(products)}"#
        return try await Sandboxes.fetch("\(sandbox.clerkURL.absoluteString)/products", method: "POST", token: nil, body: Array(body.utf8))
    }

    @Test func upsertGetAndDeleteRoundTrip() async throws {
        try await Sandboxes.with { sandbox in
            let ok = try await Self.post(sandbox, products: #"[{"id":1,"name":"Lamp","price":19.990,"categories":[10,12]}]"#)
            #expect(ok.status == 200)
            #expect(ok.object["status"] as? String == "ok")
            #expect(sandbox.clerkStorage.products(publicKey: Self.store.publicKey)[1] == Array(#"{"id":1,"name":"Lamp","price":19.990,"categories":[10,12]}"#.utf8))
            let ids = Sandboxes.percentEncoded("[1,2]")
            let base = "\(sandbox.clerkURL.absoluteString)/products?key=\(Self.store.publicKey)&private_key=\(Self.store.privateKey)&products=\(ids)"
            let fetched = try await Sandboxes.fetch(base, token: nil)
            #expect(fetched.object["status"] as? String == "ok")
            #expect((fetched.object["products"] as? [[String: Any]])?.count == 1)
            let deleted = try await Sandboxes.fetch(base, method: "DELETE", token: nil)
            #expect(deleted.object["status"] as? String == "ok")
            #expect(sandbox.clerkStorage.products(publicKey: Self.store.publicKey).isEmpty)
        }
    }

    @Test func injectedProductIDFailsTheWholeRequestWithParsingError() async throws {
        try await Sandboxes.with { sandbox in
            sandbox.clerkFaults.configure { $0.rejectedProductIDs = [5] }
            let response = try await Self.post(sandbox, products: #"[{"id":4,"name":"a"},{"id":5,"name":"b"}]"#)
            #expect(response.status == 400)
            #expect(response.object["status"] as? String == "error")
            #expect(response.object["type"] as? String == "ParsingError")
            #expect((response.object["moreInfo"] as? String)?.hasPrefix("http://help.clerk.io/error/") == true)
            #expect(response.object["id"] != nil)
            #expect(sandbox.clerkStorage.products(publicKey: Self.store.publicKey).isEmpty)
        }
    }

    @Test func wrongPrivateKeyIsAnErrorEnvelopeUnderHTTP200() async throws {
        try await Sandboxes.with { sandbox in
            let response = try await Self.post(sandbox, products: #"[{"id":1,"name":"a"}]"#, privateKey: "wrong")
            #expect(response.status == 200)
            #expect(response.object["status"] as? String == "error")
            #expect(response.object["type"] as? String == "AuthenticationError")
            let unknown = try await Sandboxes.fetch("\(sandbox.clerkURL.absoluteString)/products?key=nope&private_key=x&products=%5B%5D", token: nil)
            #expect(unknown.status == 401)
            #expect(unknown.object["type"] as? String == "AuthenticationError")
        }
    }

    @Test func invalidDocumentsAreParsingErrors() async throws {
        try await Sandboxes.with { sandbox in
            for products in [#"{"id":1}"#, #"[{"name":"no id"}]"#, #"[{"id":1,"bad-name":1}]"#, #"[{"id":1,"x":null}]"#] {
                let response = try await Self.post(sandbox, products: products)
                #expect(response.status == 400)
                #expect(response.object["type"] as? String == "ParsingError")
            }
            let notJSON = try await Sandboxes.fetch("\(sandbox.clerkURL.absoluteString)/products", method: "POST", token: nil, body: Array("nope".utf8))
            #expect(notJSON.status == 400)
        }
    }

    @Test func oversizedBodiesAndOutagesAreRefused() async throws {
        try await Sandboxes.with(SandboxConfiguration(clerkMaxBodyBytes: 1024)) { sandbox in
            let big = "[" + (1...200).map { #"{"id":\#($0),"name":"x"}"# }.joined(separator: ",") + "]"
            #expect(try await Self.post(sandbox, products: big).status == 413)
            sandbox.clerkFaults.configure { $0.down = true }
            #expect(try await Self.post(sandbox, products: #"[{"id":1}]"#).status == 503)
            sandbox.clerkFaults.configure { $0.down = false }
            let patched = try await Self.post(sandbox, products: #"[{"id":1,"name":"a","price":1}]"#)
            #expect(patched.status == 200)
            let body = #"{"key":"\#(Self.store.publicKey)","private_key":"\#(Self.store.privateKey)","products":[{"id":1,"price":2}]}"#
            let patch = try await Sandboxes.fetch("\(sandbox.clerkURL.absoluteString)/products", method: "PATCH", token: nil, body: Array(body.utf8))
            #expect(patch.object["status"] as? String == "ok")
            #expect(sandbox.clerkStorage.products(publicKey: Self.store.publicKey)[1] == Array(#"{"id":1,"name":"a","price":2}"#.utf8))
            #expect(sandbox.clerkStorage.tamperProduct(publicKey: Self.store.publicKey, id: 1, attribute: "name", value: "b"))
            #expect(sandbox.clerkStorage.products(publicKey: Self.store.publicKey)[1] == Array(#"{"id":1,"name":"b","price":2}"#.utf8))
            #expect(sandbox.clerkFaults.counters.productsWritten == 2)
        }
    }
}
