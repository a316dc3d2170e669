import Foundation
import JSONSupport
import Sandbox
import Testing

/// The Clerk simulator's tracking endpoints (`/v2/log/*`): documented parameters by GET and POST, Clerk's error
/// shape for missing or invalid ones, key checks, faults, and the recorded calls.
@Suite("Clerk simulator tracking")
struct ClerkLogTests {
    static let store = SandboxClerkStore.defaults[0]

    /// A call with every documented parameter of an endpoint; ids in GET-friendly form (integers or
    /// non-numeric strings) so that GET and POST record the same values.
    struct Call: CustomTestStringConvertible, Sendable {
        var endpoint: String
        var parameters: [(String, JSONValue)]
        var testDescription: String { endpoint }
        var required: [String]
    }

    static let calls: [Call] = [
        Call(endpoint: "log/product", parameters: [("product", 112), ("visitor", "aR9Km32l")], required: ["product", "visitor"]),
        Call(endpoint: "log/category", parameters: [("category", 23), ("visitor", "aR9Km32l")], required: ["category", "visitor"]),
        Call(
            endpoint: "log/click",
            parameters: [
                ("api", "recommendations/popular"), ("external", true), ("labels", ["Home - Popular"]), ("n", 0),
                ("product", 112), ("visitor", "aR9Km32l"),
            ],
            required: ["product", "visitor"]),
        Call(
            endpoint: "log/sale",
            parameters: [
                ("customer", "c-8812"), ("email", "ann@example.com"),
                ("products", [["id": 112, "quantity": 2, "price": .number("19.99")], ["id": 113, "quantity": 1, "price": .number("0.1")]]),
                ("sale", "order-100045"), ("visitor", "aR9Km32l"),
            ],
            required: ["products", "sale"]),
        Call(endpoint: "log/email", parameters: [("email", "ann@example.com"), ("visitor", "aR9Km32l")], required: ["email", "visitor"]),
        Call(
            endpoint: "log/returned", parameters: [("order", "order-100045"), ("product", 112), ("quantity", 1)],
            required: ["order", "product", "quantity"]),
        Call(
            endpoint: "log/cart/add",
            parameters: [("basket_id", "b-1"), ("email", "ann@example.com"), ("products", [["id": 112, "qty": 3]]), ("visitor", "aR9Km32l")],
            required: ["products"]),
        Call(endpoint: "log/cart/remove", parameters: [("products", [["id": "sku-less", "qty": 1]])], required: ["products"]),
        Call(endpoint: "log/cart/update", parameters: [("products", []), ("visitor", "aR9Km32l")], required: ["products"]),
    ]

    static func keyMembers(privateKey: String? = store.privateKey) -> [(String, JSONValue)] {
        [("key", .string(store.publicKey))] + (privateKey.map { [("private_key", JSONValue.string($0))] } ?? [])
    }

    static func post(_ sandbox: SandboxServer, _ endpoint: String, _ members: [(String, JSONValue)]) async throws -> Fetched {
        let body = JSONValue.object(members.map { (key: $0.0, value: $0.1) }).encoded()
        return try await Sandboxes.fetch("\(sandbox.clerkURL.absoluteString)/\(endpoint)", method: "POST", token: nil, body: body)
    }

    static func get(_ sandbox: SandboxServer, _ endpoint: String, _ members: [(String, JSONValue)]) async throws -> Fetched {
        let query = members.map { name, value in
            let text = value.stringValue ?? String(decoding: value.encoded(), as: UTF8.self)
            return "\(name)=\(Sandboxes.percentEncoded(text))"
        }
        return try await Sandboxes.fetch(
            "\(sandbox.clerkURL.absoluteString)/\(endpoint)?\(query.joined(separator: "&"))", token: nil)
    }

    static func expectParsingError(_ response: Fetched, _ message: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == 400, sourceLocation: sourceLocation)
        #expect(response.object["status"] as? String == "error", sourceLocation: sourceLocation)
        #expect(response.object["type"] as? String == "ParsingError", sourceLocation: sourceLocation)
        #expect((response.object["moreInfo"] as? String)?.hasPrefix("http://help.clerk.io/error/") == true, sourceLocation: sourceLocation)
        #expect(response.object["id"] != nil, sourceLocation: sourceLocation)
        if let message {
            #expect(response.object["message"] as? String == message, sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: calls)
    func documentedParametersAreAcceptedByGETAndPOSTAndRecorded(call: Call) async throws {
        try await Sandboxes.with { sandbox in
            let members = Self.keyMembers() + call.parameters
            let posted = try await Self.post(sandbox, call.endpoint, members)
            #expect(posted.status == 200)
            #expect(posted.body == Array(#"{"status":"ok"}"#.utf8))
            let got = try await Self.get(sandbox, call.endpoint, members)
            #expect(got.status == 200)
            #expect(got.object["status"] as? String == "ok")

            let recorded = sandbox.clerkStorage.logCalls(publicKey: Self.store.publicKey)
            let expected = JSONValue.object(call.parameters.sorted { $0.0 < $1.0 }.map { (key: $0.0, value: $0.1) })
            #expect(recorded.map(\.endpoint) == [call.endpoint, call.endpoint])
            #expect(recorded.map(\.method) == ["POST", "GET"])
            #expect(recorded.map(\.parameters) == [expected, expected])
            #expect(recorded.allSatisfy { $0.parameters["private_key"] == nil && $0.parameters["key"] == nil })
            #expect(sandbox.clerkFaults.counters.logCalls == 2)
            #expect(sandbox.clerkFaults.counters.writeRequests == 0)
        }
    }

    @Test(arguments: calls)
    func eachMissingRequiredParameterIsAParsingError(call: Call) async throws {
        try await Sandboxes.with { sandbox in
            for name in call.required {
                let members = Self.keyMembers() + call.parameters.filter { $0.0 != name }
                Self.expectParsingError(try await Self.post(sandbox, call.endpoint, members), "Missing argument \(name).")
                Self.expectParsingError(try await Self.get(sandbox, call.endpoint, members), "Missing argument \(name).")
            }
            let withoutKey = call.parameters
            Self.expectParsingError(try await Self.post(sandbox, call.endpoint, withoutKey), "Missing argument key.")
            #expect(sandbox.clerkStorage.logCalls().isEmpty)
            #expect(sandbox.clerkFaults.counters.logCalls == 0)
        }
    }

    @Test func invalidParametersAreParsingErrors() async throws {
        let invalid: [(String, [(String, JSONValue)])] = [
            ("log/product", [("product", 1), ("visitor", "not valid!")]),
            ("log/product", [("product", 1), ("visitor", .string(String(repeating: "a", count: 33)))]),
            ("log/product", [("product", ""), ("visitor", "v1")]),
            ("log/click", [("product", 1), ("visitor", "v1"), ("n", -1)]),
            ("log/click", [("product", 1), ("visitor", "v1"), ("labels", "Home")]),
            ("log/click", [("product", 1), ("visitor", "v1"), ("external", "yes")]),
            ("log/sale", [("sale", "1"), ("products", [["id": 1, "quantity": 1]])]),
            ("log/sale", [("sale", "1"), ("products", [["id": 1, "quantity": 0, "price": 5]])]),
            ("log/sale", [("sale", "1"), ("products", "1,2")]),
            ("log/email", [("email", "nobody"), ("visitor", "v1")]),
            ("log/returned", [("product", 1), ("order", "1"), ("quantity", 0)]),
            ("log/cart/add", [("products", [["id": 1]])]),
            ("log/cart/update", [("products", [1, 2])]),
        ]
        try await Sandboxes.with { sandbox in
            for (endpoint, parameters) in invalid {
                Self.expectParsingError(try await Self.post(sandbox, endpoint, Self.keyMembers() + parameters))
            }
            let notJSON = try await Sandboxes.fetch(
                "\(sandbox.clerkURL.absoluteString)/log/product", method: "POST", token: nil, body: Array("nope".utf8))
            Self.expectParsingError(notJSON)
            #expect(sandbox.clerkStorage.logCalls().isEmpty)
        }
    }

    @Test func plainIDListIsAValidSale() async throws {
        try await Sandboxes.with { sandbox in
            let response = try await Self.get(sandbox, "log/sale", Self.keyMembers(privateKey: nil) + [("sale", 7), ("products", [1, "abc"])])
            #expect(response.status == 200)
            #expect(sandbox.clerkStorage.logCalls().first?["products"] == [1, "abc"])
            #expect(sandbox.clerkStorage.logCalls().first?["sale"] == 7)
        }
    }

    @Test func returnedNeedsTheRightPrivateKey() async throws {
        try await Sandboxes.with { sandbox in
            let parameters: [(String, JSONValue)] = [("order", "1"), ("product", 1), ("quantity", 1)]
            for privateKey in [nil, "wrong"] {
                let response = try await Self.post(sandbox, "log/returned", Self.keyMembers(privateKey: privateKey) + parameters)
                #expect(response.status == 200)
                #expect(response.object["status"] as? String == "error")
                #expect(response.object["type"] as? String == "AuthenticationError")
            }
            let accepted = try await Self.post(sandbox, "log/returned", Self.keyMembers() + parameters)
            #expect(accepted.object["status"] as? String == "ok")
            #expect(sandbox.clerkStorage.logCalls().count == 1)
        }
    }

    @Test func unknownPublicKeyIsRefused() async throws {
        try await Sandboxes.with { sandbox in
            let response = try await Self.post(sandbox, "log/product", [("key", "nobody"), ("product", 1), ("visitor", "v1")])
            #expect(response.status == 401)
            #expect(response.object["type"] as? String == "AuthenticationError")
            #expect(sandbox.clerkStorage.logCalls().isEmpty)
        }
    }

    @Test func unknownEndpointsAndMethodsAreRefused() async throws {
        try await Sandboxes.with { sandbox in
            let unknown = try await Self.post(sandbox, "log/nothing", Self.keyMembers())
            #expect(unknown.status == 404)
            #expect(unknown.object["type"] as? String == "LogicalError")
            let put = try await Sandboxes.fetch(
                "\(sandbox.clerkURL.absoluteString)/log/product", method: "PUT", token: nil, body: Array("{}".utf8))
            #expect(put.status == 405)
        }
    }

    @Test func faultsApplyAndFailedCallsAreNotRecorded() async throws {
        try await Sandboxes.with { sandbox in
            let members = Self.keyMembers() + [("product", 1), ("visitor", "v1")]
            sandbox.clerkFaults.configure { $0.down = true }
            #expect(try await Self.post(sandbox, "log/product", members).status == 503)
            sandbox.clerkFaults.configure { $0.down = false; $0.serverErrorRate = 1 }
            let failed = try await Self.get(sandbox, "log/product", members)
            #expect(failed.status == 500)
            #expect(failed.object["type"] as? String == "InternalError")
            #expect(sandbox.clerkStorage.logCalls().isEmpty)
            #expect(sandbox.clerkFaults.counters.errors == 2)
            sandbox.clerkFaults.clearFaults()
            #expect(try await Self.post(sandbox, "log/product", members).status == 200)
            #expect(sandbox.clerkStorage.logCalls().count == 1)
        }
    }

    @Test func logIsKeptPerStoreAndCanBeCleared() async throws {
        try await Sandboxes.with { sandbox in
            let other = SandboxClerkStore.defaults[1]
            let before = Date()
            _ = try await Self.post(sandbox, "log/email", Self.keyMembers() + [("email", "a@b.c"), ("visitor", "v1")])
            _ = try await Self.post(sandbox, "log/email", [("key", .string(other.publicKey)), ("email", "d@e.f"), ("visitor", "v2")])
            #expect(sandbox.clerkStorage.logCalls().count == 2)
            let mine = sandbox.clerkStorage.logCalls(publicKey: Self.store.publicKey)
            #expect(mine.map { $0["email"] } == ["a@b.c"])
            #expect(mine.allSatisfy { $0.receivedAt >= before && $0.receivedAt <= Date() })
            sandbox.clerkStorage.clearLog(publicKey: Self.store.publicKey)
            #expect(sandbox.clerkStorage.logCalls().map(\.publicKey) == [other.publicKey])
            sandbox.clerkStorage.clearLog()
            #expect(sandbox.clerkStorage.logCalls().isEmpty)
        }
    }
}
