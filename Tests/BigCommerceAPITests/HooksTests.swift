import Foundation
import Testing

@testable import BigCommerceAPI

@Suite("Webhook subscriptions")
struct HooksTests {
    let credentials = BigCommerceCredentials(storeHash: "abc123", accessToken: "tok-secret-1")

    /// The create response of BigCommerce's OpenAPI example.
    static let createdJSON = """
        { "data": { "id": 18048287, "client_id": "m9r6keqmo7h7f23btnpwernbez1kglkl", "store_hash": "sftg45fsd",
                    "created_at": 1561488106, "updated_at": 1561488107, "scope": "store/order/created",
                    "destination": "https://665b65a6.ngrok.io/webhooks", "is_active": true,
                    "headers": { "custom-key": "developer-defined value" } },
          "meta": {} }
        """

    @Test func createRequest() throws {
        let (endpoint, body) = BigCommerceClient.createHookRequest(
            scope: "store/product/updated", destination: "https://bridge.example.com/webhooks/bigcommerce",
            headers: ["X-Clerkbridge-Webhook-Secret": "s3cret"], isActive: true)
        #expect(endpoint.method == "POST")
        #expect(endpoint.route == "POST /v3/hooks")
        #expect(endpoint.url(for: credentials) == "https://api.bigcommerce.com/stores/abc123/v3/hooks")
        #expect(
            String(decoding: body, as: UTF8.self)
                == #"{"destination":"https://bridge.example.com/webhooks/bigcommerce","headers":{"X-Clerkbridge-Webhook-Secret":"s3cret"},"is_active":true,"scope":"store/product/updated"}"#
        )
        let (_, bare) = BigCommerceClient.createHookRequest(
            scope: "store/cart/*", destination: "https://x", headers: nil, isActive: false)
        #expect(
            String(decoding: bare, as: UTF8.self)
                == #"{"destination":"https://x","is_active":false,"scope":"store/cart/*"}"#)
    }

    @Test func updateRequest() {
        let (endpoint, body) = BigCommerceClient.updateHookRequest(id: 22_561_593, isActive: true, headers: nil)
        #expect(endpoint.description == "PUT /v3/hooks/22561593")
        #expect(String(decoding: body, as: UTF8.self) == #"{"is_active":true}"#)
        let (_, withHeaders) = BigCommerceClient.updateHookRequest(id: 1, isActive: false, headers: ["a": "b"])
        #expect(String(decoding: withHeaders, as: UTF8.self) == #"{"headers":{"a":"b"},"is_active":false}"#)
    }

    @Test func decodeCreatedHook() throws {
        let hook = try BigCommerceClient.decodeHook(
            Array(Self.createdJSON.utf8), endpoint: Endpoint(.v3, "hooks", method: "POST"))
        #expect(
            hook
                == Hook(
                    id: 18_048_287, scope: "store/order/created", destination: "https://665b65a6.ngrok.io/webhooks",
                    isActive: true, headers: ["custom-key": "developer-defined value"],
                    createdAt: Date(timeIntervalSince1970: 1_561_488_106),
                    updatedAt: Date(timeIntervalSince1970: 1_561_488_107)))
    }

    @Test func decodeHookListLeniently() throws {
        let json = """
            { "data": [
                { "id": "5", "scope": "store/product/updated", "destination": "https://a", "is_active": false, "headers": null },
                { "id": 6, "scope": "store/sku/updated", "destination": "https://a", "headers": { "n": 1 } } ],
              "meta": { "pagination": { "total": 2, "count": 2, "per_page": 250, "current_page": 1, "total_pages": 1 } } }
            """
        let hooks = try JSONDecoder().decode(V3Envelope<[Hook]>.self, from: Data(json.utf8)).data
        #expect(hooks.map(\.id) == [5, 6])
        #expect(hooks[0].isActive == false)
        #expect(hooks[0].headers == nil)
        #expect(hooks[0].createdAt == nil)
        #expect(hooks[1].isActive == true)
        #expect(hooks[1].headers == ["n": "1"])
    }

    @Test func decodeErrorNamesTheEndpoint() {
        #expect(throws: BigCommerceError.self) {
            try BigCommerceClient.decodeHook(
                Array(#"{"data":{"scope":"x"}}"#.utf8), endpoint: Endpoint(.v3, "hooks/9", method: "PUT"))
        }
        do {
            _ = try BigCommerceClient.decodeHook(
                Array("<html>".utf8), endpoint: Endpoint(.v3, "hooks/9", method: "PUT"))
        } catch let error as BigCommerceError {
            #expect(error.description.contains("PUT /v3/hooks/9"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// The shape of BigCommerce's OpenAPI file for `GET /v3/hooks/admin`.
    @Test func decodeAdmin() throws {
        let json = """
            { "data": {
                "emails": ["webhooks@example.com"],
                "hooks_list": [
                  { "id": 7, "client_id": "c", "store_hash": "abc123", "scope": "store/product/updated",
                    "destination": "https://bridge.example.com/webhooks/bigcommerce", "headers": null,
                    "is_active": false, "created_at": 1561488106, "updated_at": 1561488106, "status": "deactivated" },
                  { "id": 8, "scope": "store/sku/updated", "destination": "https://bridge.example.com/webhooks/bigcommerce",
                    "is_active": true, "status": "active" },
                  { "broken": true } ],
                "blocked_domains": [
                  { "destination": "https://bridge.example.com", "time_left": 120,
                    "reasons": [ { "failure_description": "timeout", "count": 14, "timestamp": 1736928764 } ] } ] },
              "meta": { "pagination": { "total": 2 } } }
            """
        let admin = try BigCommerceClient.decodeEnvelope(
            HooksAdmin.self, Array(json.utf8), endpoint: Endpoint(.v3, "hooks/admin"))
        #expect(admin.notificationEmails == ["webhooks@example.com"])
        #expect(admin.hooks.map(\.hook.id) == [7, 8])
        #expect(admin.hooks.map(\.isDeactivated) == [true, false])
        #expect(admin.hooks[0].status == "deactivated")
        #expect(
            admin.blockedDomains
                == [
                    HooksAdmin.BlockedDomain(
                        destination: "https://bridge.example.com", timeLeft: 120,
                        reasons: [HooksAdmin.Reason(failureDescription: "timeout", count: 14, timestamp: 1_736_928_764)]
                    )
                ])
        let empty = try BigCommerceClient.decodeEnvelope(
            HooksAdmin.self, Array(#"{"data":{}}"#.utf8), endpoint: Endpoint(.v3, "hooks/admin"))
        #expect(empty == HooksAdmin())
    }

    @Test func getEndpointsStillSayGET() {
        #expect(Endpoint(.v3, "hooks/admin").description == "GET /v3/hooks/admin")
    }
}
