import AsyncHTTPClient
import Foundation
import Sandbox
import Testing
import Tracking

/// The sandbox's current-customer JWTs verify with the verifier the events route uses, so tests and the demo
/// can stand in for a logged-in shopper.
@Suite struct SandboxCustomerTokenTests {
    @Test func aMintedTokenVerifiesWithinItsLifetimeOnly() throws {
        let customer = SandboxCustomer.seeded[1]
        let issued = Date(timeIntervalSince1970: 1_800_000_000)
        let token = SandboxCustomerToken.mint(
            customer: customer, storeHash: "sandbox1", clientSecret: "sandbox-client-secret", issuedAt: issued)
        let verifier = CustomerTokenVerifier(clientSecret: "sandbox-client-secret", storeHash: "sandbox1", leeway: .zero)
        let identity = try verifier.verify(token, now: issued.addingTimeInterval(899)).get()
        #expect(identity.customerID == customer.id)
        #expect(identity.email == customer.email)
        #expect(identity.groupID == customer.customerGroupID)
        #expect(throws: CustomerTokenRejection.expired) { try verifier.verify(token, now: issued.addingTimeInterval(901)).get() }
        let otherSecret = CustomerTokenVerifier(clientSecret: "another-secret", storeHash: "sandbox1")
        #expect(throws: CustomerTokenRejection.signatureMismatch) { try otherSecret.verify(token, now: issued).get() }
        let otherStore = CustomerTokenVerifier(clientSecret: "sandbox-client-secret", storeHash: "sandbox2")
        #expect(throws: CustomerTokenRejection.wrongStore) { try otherStore.verify(token, now: issued).get() }
    }

    @Test func theStorefrontRouteAnswersATokenTheVerifierAccepts() async throws {
        let sandbox = try await SandboxServer.start(SandboxConfiguration(productCount: 10))
        do {
            try await Self.checkRoute(sandbox)
        } catch {
            await sandbox.shutdown()
            throw error
        }
        await sandbox.shutdown()
    }

    static func checkRoute(_ sandbox: SandboxServer) async throws {
        var request = HTTPClientRequest(url: "\(sandbox.bigCommerceURL.absoluteString)/customer/current.jwt?app_client_id=\(sandbox.appClientID)")
        request.headers.add(name: "Cookie", value: "sandbox_customer_id=3")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        #expect(response.status.code == 200)
        let body = try await response.body.collect(upTo: 1 << 16)
        let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
        let token = try #require(object?["token"] as? String)
        let verifier = CustomerTokenVerifier(clientSecret: sandbox.clientSecret, storeHash: sandbox.storeHash)
        let identity = try verifier.verify(token, now: Date()).get()
        #expect(identity.customerID == 3)
        #expect(identity.email == "cleo@sandbox.example")
    }
}
