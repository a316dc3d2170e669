import BigCommerceAPI
import Foundation
import Sandbox
import Testing

/// `/v3/hooks` and `/v3/hooks/admin`, read through clerkbridge's own BigCommerce client where it has a call.
@Suite("Hooks API")
struct HooksAPITests {
    static func hooksURL(_ sandbox: SandboxServer, _ suffix: String = "") -> String {
        "\(sandbox.bigCommerceURL.absoluteString)/stores/\(sandbox.storeHash)/v3/hooks\(suffix)"
    }

    static func json(_ text: String) -> [UInt8] {
        Array(text.utf8)
    }

    @Test func createListUpdateDeleteThroughTheClient() async throws {
        try await WebhookFixture.with { fixture in
            let client = fixture.client
            let destination = fixture.destination("products")
            let created = try await client.createHook(scope: "store/product/updated", destination: destination, headers: ["X-Clerkbridge-Webhook-Secret": "s3cret"])
            #expect(created.scope == "store/product/updated")
            #expect(created.destination == destination)
            #expect(created.isActive)
            #expect(created.headers == ["X-Clerkbridge-Webhook-Secret": "s3cret"])
            #expect(created.createdAt != nil && created.updatedAt != nil)

            let raw = try await Sandboxes.fetch(Self.hooksURL(fixture.sandbox, "/\(created.id)"))
            #expect(raw.status == 200)
            let data = raw.object["data"] as? [String: Any] ?? [:]
            #expect(data["client_id"] as? String == SandboxWebhooks.clientID)
            #expect(data["store_hash"] as? String == fixture.sandbox.storeHash)
            #expect(data["created_at"] is Int)

            #expect(try await client.hooks().map(\.id) == [created.id])
            let updated = try await client.updateHook(id: created.id, isActive: false, headers: ["X-Other": "1"])
            #expect(!updated.isActive)
            #expect(updated.headers == ["X-Other": "1"])
            #expect(updated.scope == created.scope)

            let deleted = try await Sandboxes.fetch(Self.hooksURL(fixture.sandbox, "/\(created.id)"), method: "DELETE")
            #expect(deleted.status == 200)
            #expect((deleted.object["data"] as? [String: Any])?["id"] as? Int == created.id)
            #expect(try await client.hooks().isEmpty)
            #expect(try await Sandboxes.fetch(Self.hooksURL(fixture.sandbox, "/\(created.id)")).status == 404)
        }
    }

    @Test func insecureDestinationsAreRejectedUnlessAllowed() async throws {
        try await WebhookFixture.with(SandboxConfiguration()) { fixture in
            for destination in ["http://127.0.0.1:9/hooks", "https://hooks.example.com:8443/hooks", "ftp://hooks.example.com/"] {
                await #expect(throws: BigCommerceError.self) {
                    _ = try await fixture.client.createHook(scope: "store/product/updated", destination: destination)
                }
                let raw = try await Sandboxes.fetch(
                    Self.hooksURL(fixture.sandbox), method: "POST",
                    body: Self.json(#"{"scope":"store/product/updated","destination":"\#(destination)","is_active":true}"#))
                #expect(raw.status == 422)
                #expect((raw.object["errors"] as? [String: Any])?["destination"] != nil)
            }
            let secure = try await fixture.client.createHook(scope: "store/product/updated", destination: "https://hooks.example.com/bc")
            #expect(secure.isActive)
        }
    }

    @Test func duplicateAndIncompleteHooksAnswer422() async throws {
        try await WebhookFixture.with { fixture in
            let destination = fixture.destination()
            _ = try await fixture.client.createHook(scope: "store/product/created", destination: destination)
            do {
                _ = try await fixture.client.createHook(scope: "store/product/created", destination: destination)
                Issue.record("a second hook for the same scope and destination was accepted")
            } catch let error as BigCommerceError {
                #expect(error.httpStatus == 422)
            }
            _ = try await fixture.client.createHook(scope: "store/product/deleted", destination: destination)
            for body in [#"{"destination":"\#(destination)"}"#, #"{"scope":"store/product/updated"}"#] {
                let raw = try await Sandboxes.fetch(Self.hooksURL(fixture.sandbox), method: "POST", body: Self.json(body))
                #expect(raw.status == 422)
                #expect(raw.object["title"] is String)
            }
            let notJSON = try await Sandboxes.fetch(Self.hooksURL(fixture.sandbox), method: "POST", body: Self.json("nope"))
            #expect(notJSON.status == 400)
        }
    }

    @Test func unknownHookIs404() async throws {
        try await WebhookFixture.with { fixture in
            for method in ["GET", "PUT", "DELETE"] {
                let raw = try await Sandboxes.fetch(
                    Self.hooksURL(fixture.sandbox, "/999"), method: method, body: method == "PUT" ? Self.json(#"{"is_active":true}"#) : nil)
                #expect(raw.status == 404)
            }
            await #expect(throws: BigCommerceError.self) {
                _ = try await fixture.client.updateHook(id: 999, isActive: true)
            }
        }
    }

    @Test func listingFiltersAndPages() async throws {
        try await WebhookFixture.with { fixture in
            let sandbox = fixture.sandbox
            for scope in ["store/product/created", "store/product/updated", "store/category/updated"] {
                _ = try sandbox.webhooks.createHook(scope: scope, destination: fixture.destination(), isActive: scope != "store/category/updated")
            }
            let page = try await Sandboxes.fetch(Self.hooksURL(sandbox, "?limit=2&page=2"))
            let pagination = (page.object["meta"] as? [String: Any])?["pagination"] as? [String: Any]
            #expect(pagination?["total"] as? Int == 3)
            #expect(pagination?["total_pages"] as? Int == 2)
            #expect((page.object["data"] as? [Any])?.count == 1)
            let inactive = try await Sandboxes.fetch(Self.hooksURL(sandbox, "?is_active=false"))
            #expect(((inactive.object["data"] as? [[String: Any]]) ?? []).map { $0["scope"] as? String } == ["store/category/updated"])
            let byScope = try await Sandboxes.fetch(Self.hooksURL(sandbox, "?scope=store/product/updated"))
            #expect((byScope.object["data"] as? [Any])?.count == 1)
            let byDestination = try await Sandboxes.fetch(Self.hooksURL(sandbox, "?destination=https://elsewhere.example.com/"))
            #expect((byDestination.object["data"] as? [Any])?.count == 0)
            #expect(try await fixture.client.hooks().count == 3)
        }
    }

    @Test func adminDecodesThroughTheClient() async throws {
        try await WebhookFixture.with { fixture in
            let sandbox = fixture.sandbox
            let active = try sandbox.webhooks.createHook(scope: "store/product/updated", destination: fixture.destination())
            let inactive = try sandbox.webhooks.createHook(scope: "store/sku/updated", destination: fixture.destination(), isActive: false)
            let put = try await Sandboxes.fetch(Self.hooksURL(sandbox, "/admin"), method: "PUT", body: Self.json(#"{"emails":["ops@example.com"]}"#))
            #expect(put.status == 200)
            let admin = try await fixture.client.hooksAdmin()
            #expect(admin.notificationEmails == ["ops@example.com"])
            #expect(admin.hooks.map(\.hook.id) == [active.id, inactive.id])
            #expect(admin.hooks.map(\.status) == ["active", "inactive"])
            #expect(admin.blockedDomains.isEmpty)
            let bad = try await Sandboxes.fetch(Self.hooksURL(sandbox, "/admin"), method: "PUT", body: Self.json(#"{"emails":[1]}"#))
            #expect(bad.status == 422)
        }
    }

    @Test func hooksNeedTheAccessToken() async throws {
        try await WebhookFixture.with { fixture in
            let raw = try await Sandboxes.fetch(Self.hooksURL(fixture.sandbox), token: "wrong")
            #expect(raw.status == 401)
        }
    }
}
