import AsyncHTTPClient
import ClerkAPI
import Foundation
import JSONSupport
import Logging
import Reliability
import Sandbox
import Testing

/// The tracking calls (`log/*`) against the Clerk simulator: what the simulator records is what the client meant.
extension SandboxIntegrationTests {
    @Test func everyTrackingCallArrivesAsSent() async throws {
        try await withSandbox { sandbox, client, keys in
            try await client.logProductView(productID: 112, visitor: "aR9Km32l", keys: keys)
            try await client.logCategoryView(categoryID: 23, visitor: "aR9Km32l", keys: keys)
            try await client.logClick(
                productID: 112, visitor: "aR9Km32l", api: "recommendations/popular", position: 3,
                labels: ["Home - Popular"], external: true, keys: keys)
            try await client.logClick(productID: 113, visitor: "aR9Km32l", keys: keys)
            try await client.logCart(
                .add, products: [CartLine(productID: 112, quantity: 2)], visitor: "aR9Km32l",
                email: "ann@example.com", basketID: "basket-1", keys: keys)
            try await client.logCart(.remove, products: [CartLine(productID: 112, quantity: 1)], visitor: "aR9Km32l", keys: keys)
            try await client.logCart(.update, products: [], visitor: "aR9Km32l", keys: keys)
            try await client.logSale(
                orderID: "100045",
                products: [
                    SaleLine(productID: 112, quantity: 2, price: Decimal(string: "19.99")!),
                    SaleLine(productID: 113, quantity: 1, price: Decimal(string: "0.1")!),
                ],
                visitor: "aR9Km32l", customerID: "8812", email: "ann@example.com", keys: keys)
            try await client.logEmail(email: "ann@example.com", visitor: "aR9Km32l", keys: keys)
            try await client.logReturned(productID: 112, orderID: "100045", quantity: 1, keys: keys)

            let calls = sandbox.clerkStorage.logCalls(publicKey: keys.publicKey)
            #expect(calls.map(\.endpoint) == [
                "log/product", "log/category", "log/click", "log/click", "log/cart/add", "log/cart/remove",
                "log/cart/update", "log/sale", "log/email", "log/returned",
            ])
            #expect(calls.allSatisfy { $0.method == "POST" && $0.publicKey == keys.publicKey })
            let expected: [JSONValue] = [
                ["product": 112, "visitor": "aR9Km32l"],
                ["category": 23, "visitor": "aR9Km32l"],
                [
                    "api": "recommendations/popular", "external": true, "labels": ["Home - Popular"], "n": 3,
                    "product": 112, "visitor": "aR9Km32l",
                ],
                ["product": 113, "visitor": "aR9Km32l"],
                [
                    "basket_id": "basket-1", "email": "ann@example.com", "products": [["id": 112, "qty": 2]],
                    "visitor": "aR9Km32l",
                ],
                ["products": [["id": 112, "qty": 1]], "visitor": "aR9Km32l"],
                ["products": [], "visitor": "aR9Km32l"],
                [
                    "customer": "8812", "email": "ann@example.com",
                    "products": [
                        ["id": 112, "price": .number("19.99"), "quantity": 2],
                        ["id": 113, "price": .number("0.1"), "quantity": 1],
                    ],
                    "sale": "100045", "visitor": "aR9Km32l",
                ],
                ["email": "ann@example.com", "visitor": "aR9Km32l"],
                ["order": "100045", "product": 112, "quantity": 1],
            ]
            #expect(calls.map(\.parameters) == expected)
            #expect(sandbox.clerkFaults.counters.logCalls == 10)
            #expect(sandbox.clerkFaults.counters.writeRequests == 0)
            #expect(sandbox.clerkStorage.logCalls(publicKey: sandbox.clerkStores[1].publicKey).isEmpty)
        }
    }

    @Test func addOrRemoveWithoutProductsSendsNothing() async throws {
        try await withSandbox { sandbox, client, keys in
            try await client.logCart(.add, products: [], visitor: "v1", keys: keys)
            try await client.logCart(.remove, products: [], visitor: "v1", keys: keys)
            #expect(sandbox.clerkFaults.counters.totalRequests == 0)
        }
    }

    @Test func returnedWithAWrongPrivateKeyIsRefusedWithoutLeakingIt() async throws {
        try await withSandbox { sandbox, client, keys in
            let wrong = ClerkStoreKeys(publicKey: keys.publicKey, privateKey: "not-the-private-key")
            let error = await #expect(throws: ClerkError.self) {
                try await client.logReturned(productID: 1, orderID: "9", quantity: 1, keys: wrong)
            }
            #expect(error?.kind == .authentication)
            #expect(error?.httpStatus == 200)
            #expect(error?.retryability.mayRetry == false)
            #expect(error.map { !$0.description.contains("not-the-private-key") } == true)
            #expect(error.map { !String(decoding: $0.requestPayload, as: UTF8.self).contains("not-the-private-key") } == true)
            #expect(error.map { !String(decoding: $0.responseBody, as: UTF8.self).contains("not-the-private-key") } == true)
            let payload = try parsed(try #require(error?.requestPayload))
            #expect(payload["private_key"] as? String == "***")
            #expect(sandbox.clerkStorage.logCalls().isEmpty)
        }
    }

    @Test func invalidVisitorIsAParsingError() async throws {
        try await withSandbox { sandbox, client, keys in
            let error = await #expect(throws: ClerkError.self) {
                try await client.logProductView(productID: 1, visitor: "not a visitor id!", keys: keys)
            }
            #expect(error?.kind == .parsing)
            #expect(error?.retryability.mayRetry == false)
            #expect(sandbox.clerkStorage.logCalls().isEmpty)
        }
    }

    @Test func trackingWhileClerkIsDownOrFailingIsTransient() async throws {
        try await withSandbox { sandbox, client, keys in
            sandbox.clerkFaults.configure { $0.down = true }
            let down = await #expect(throws: ClerkError.self) {
                try await client.logSale(
                    orderID: "1", products: [SaleLine(productID: 1, quantity: 1, price: 5)], visitor: "v1", keys: keys)
            }
            #expect(down?.httpStatus == 503)
            #expect(down?.retryability.mayRetry == true)
            let returned = await #expect(throws: ClerkError.self) {
                try await client.logReturned(productID: 1, orderID: "1", quantity: 1, keys: keys)
            }
            #expect(returned?.retryability.mayRetry == true)
            #expect(returned.map { !$0.description.contains(keys.privateKey) } == true)
            #expect(returned.map { !String(decoding: $0.requestPayload, as: UTF8.self).contains(keys.privateKey) } == true)

            sandbox.clerkFaults.configure { $0.down = false; $0.serverErrorRate = 1 }
            let failing = await #expect(throws: ClerkError.self) {
                try await client.logProductView(productID: 1, visitor: "v1", keys: keys)
            }
            #expect(failing?.kind == .internalError)
            #expect(failing?.retryability.mayRetry == true)
            #expect(sandbox.clerkStorage.logCalls().isEmpty)
        }
    }

    @Test func slowTrackingCallTimesOut() async throws {
        try await withSandbox { sandbox, _, keys in
            sandbox.clerkFaults.configure { $0.latency = .seconds(1) }
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            let impatient = ClerkClient(
                baseURL: sandbox.clerkURL, httpClient: http, timeout: .milliseconds(200), logger: Logger(label: "test"))
            let error = await #expect(throws: ClerkError.self) {
                try await impatient.logEmail(email: "ann@example.com", visitor: "v1", keys: keys)
            }
            try await http.shutdown()
            #expect(error?.kind == .timeout)
            #expect(error?.retryability.mayRetry == true)
        }
    }
}
