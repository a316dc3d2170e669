import Foundation
import Reliability
import Sandbox
import Testing

@testable import ClerkAPI

/// Order status updates: the exact request, redaction, and the Clerk sandbox's order store fed by `log/sale`.
extension SandboxIntegrationTests {
    @Test func orderStatusRequestIsAPatchWithThePrivateKeyRedacted() throws {
        let keys = ClerkStoreKeys(publicKey: "pub-1", privateKey: "s3cret-priv")
        let request = ClerkRequest.updateOrderStatus(orderID: "100045", status: .cancelled, keys: keys)
        #expect(request.endpoint == "PATCH /orders")
        let body = String(decoding: try #require(request.body).bytes, as: UTF8.self)
        #expect(body == #"{"key":"pub-1","private_key":"s3cret-priv","orders":[{"id":"100045","status":"CANCELLED"}]}"#)
        #expect(String(decoding: request.redactedPayload, as: UTF8.self)
            == #"{"key":"pub-1","private_key":"***","orders":[{"id":"100045","status":"CANCELLED"}]}"#)
        #expect(ClerkOrderStatus.allCases.map(\.rawValue) == ["CONFIRMED", "SENT", "DELIVERED", "RETURNED", "CANCELLED"])
    }

    @Test func aLoggedSaleBecomesAnOrderWhoseStatusCanChange() async throws {
        try await withSandbox { sandbox, client, keys in
            try await client.logSale(
                orderID: "101", products: [SaleLine(productID: 7, quantity: 2, price: Decimal(string: "9.5")!)],
                visitor: "v1", customerID: "3", email: "cleo@example.com", keys: keys)
            let stored = try #require(sandbox.clerkStorage.order(publicKey: keys.publicKey, id: "101"))
            #expect(stored["status"] == "CONFIRMED")
            #expect(stored["visitor"] == "v1")
            #expect(stored["customer"] == "3")
            #expect(stored["products"] == [["id": 7, "price": .number("9.5"), "quantity": 2]])

            try await client.updateOrderStatus(orderID: "101", status: .returned, keys: keys)
            #expect(sandbox.clerkStorage.order(publicKey: keys.publicKey, id: "101")?["status"] == "RETURNED")
            #expect(sandbox.clerkStorage.order(publicKey: keys.publicKey, id: "101")?["email"] == "cleo@example.com")
            #expect(sandbox.clerkStorage.orders(publicKey: sandbox.clerkStores[1].publicKey).isEmpty)
        }
    }

    @Test func anUnknownOrderIsALogicalErrorAndAWrongPrivateKeyIsRedacted() async throws {
        try await withSandbox { sandbox, client, keys in
            let unknown = await #expect(throws: ClerkError.self) {
                try await client.updateOrderStatus(orderID: "404404", status: .cancelled, keys: keys)
            }
            #expect(unknown?.kind == .logical)
            #expect(unknown?.retryability.mayRetry == false)
            #expect(sandbox.clerkStorage.orders(publicKey: keys.publicKey).isEmpty)

            let wrong = ClerkStoreKeys(publicKey: keys.publicKey, privateKey: "not-the-right-one")
            let refused = await #expect(throws: ClerkError.self) {
                try await client.updateOrderStatus(orderID: "1", status: .sent, keys: wrong)
            }
            #expect(refused?.kind == .authentication)
            let texts = [refused?.description ?? "", String(decoding: refused?.requestPayload ?? [], as: UTF8.self)]
            #expect(texts.allSatisfy { !$0.contains("not-the-right-one") })
        }
    }
}
