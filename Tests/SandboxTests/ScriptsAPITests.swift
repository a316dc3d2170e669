import AsyncHTTPClient
import BigCommerceAPI
import Foundation
import Logging
import Sandbox
import Testing

/// `/v3/content/scripts`: the sandbox's rules, read through clerkbridge's own BigCommerce client where it has a call.
@Suite("Scripts API")
struct ScriptsAPITests {
    static func scriptsURL(_ sandbox: SandboxServer, _ suffix: String = "") -> String {
        "\(sandbox.bigCommerceURL.absoluteString)/stores/\(sandbox.storeHash)/v3/content/scripts\(suffix)"
    }

    /// Runs `body` with a sandbox and a client for it.
    static func with(
        _ configuration: SandboxConfiguration = SandboxConfiguration(productCount: 5),
        _ body: (SandboxServer, BigCommerceClient) async throws -> Void
    ) async throws {
        try await Sandboxes.with(configuration) { sandbox in
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            let client = BigCommerceClient(
                credentials: BigCommerceCredentials(storeHash: sandbox.storeHash, accessToken: sandbox.accessToken, apiURL: sandbox.bigCommerceURL),
                httpClient: http, logger: Logger(label: "test"))
            do {
                try await body(sandbox, client)
                try await http.shutdown()
            } catch {
                try? await http.shutdown()
                throw error
            }
        }
    }

    static func post(_ sandbox: SandboxServer, _ json: String) async throws -> Fetched {
        try await Sandboxes.fetch(scriptsURL(sandbox), method: "POST", body: Array(json.utf8))
    }

    @Test func createListUpdateDeleteThroughTheClient() async throws {
        try await Self.with { sandbox, client in
            let created = try await client.createScript(ScriptRequest(
                name: "clerkbridge", kind: "src", src: "https://cb.example.com/storefront.js?channel_id=1", loadMethod: "defer",
                location: "footer", visibility: "all_pages", consentCategory: "analytics", enabled: true, autoUninstall: true,
                channelID: 1))
            #expect(created.uuid.count == 36)
            #expect(created.apiClientID == SandboxWebhooks.clientID)
            #expect(created.dateCreated != nil && created.dateModified != nil)
            #expect(created.loadMethod == "defer" && created.location == "footer" && created.visibility == "all_pages")
            #expect(created.consentCategory == "analytics" && created.autoUninstall && created.isEnabled)

            let other = try await client.createScript(ScriptRequest(name: "other", src: "https://x.example.com/a.js", channelID: 2))
            #expect(other.kind == "src" && other.loadMethod == "default" && other.consentCategory == "unknown")
            #expect(other.visibility == "storefront" && other.location == "head")

            #expect(try await client.scripts().map(\.uuid) == [created.uuid, other.uuid])
            #expect(try await client.scripts(channelIDs: [2]).map(\.uuid) == [other.uuid])
            #expect(try await client.scripts(channelIDs: [3]).isEmpty)

            let updated = try await client.updateScript(uuid: created.uuid, ScriptRequest(src: "https://cb.example.com/v2.js", enabled: false))
            #expect(updated.src == "https://cb.example.com/v2.js" && !updated.isEnabled)
            #expect(updated.name == "clerkbridge" && updated.visibility == "all_pages", "a PUT keeps what it does not set")

            try await client.deleteScript(uuid: created.uuid)
            try await client.deleteScript(uuid: created.uuid) // already gone: not an error
            #expect(try await client.scripts().map(\.uuid) == [other.uuid])
            #expect(try await Sandboxes.fetch(Self.scriptsURL(sandbox, "/\(created.uuid)")).status == 404)
        }
    }

    @Test func listingPagesWithMeta() async throws {
        try await Self.with { sandbox, client in
            for index in 0..<7 {
                _ = try await client.createScript(ScriptRequest(name: "s\(index)", src: "https://x.example.com/\(index).js"))
            }
            let page = try await Sandboxes.fetch(Self.scriptsURL(sandbox, "?limit=3&page=3"))
            #expect(page.status == 200)
            #expect((page.object["data"] as? [Any])?.count == 1)
            let pagination = (page.object["meta"] as? [String: Any])?["pagination"] as? [String: Any]
            #expect(pagination?["total"] as? Int == 7 && pagination?["total_pages"] as? Int == 3)
            #expect(try await client.scripts().count == 7)
        }
    }

    @Test func validationFollowsTheAPIRules() async throws {
        try await Self.with { sandbox, _ in
            let cases: [(String, String)] = [
                (#"{"kind":"src","src":"https://x.example.com/a.js"}"#, "name"),
                (#"{"name":"a","kind":"src"}"#, "src"),
                (#"{"name":"a","kind":"script_tag"}"#, "html"),
                (#"{"name":"a","kind":"script_tag","html":"<script>1</script><script>2</script>"}"#, "html"),
                (#"{"name":"a","kind":"script_tag","html":"<script>1</script>","load_method":"defer"}"#, "load_method"),
                (#"{"name":"a","kind":"module","src":"https://x.example.com/a.js"}"#, "kind"),
                (#"{"name":"a","src":"https://x.example.com/a.js","location":"body"}"#, "location"),
                (#"{"name":"a","src":"https://x.example.com/a.js","visibility":"everywhere"}"#, "visibility"),
                (#"{"name":"a","src":"https://x.example.com/a.js","consent_category":"ads"}"#, "consent_category"),
                (#"{"name":"a","src":"https://x.example.com/a.js","enabled":"yes"}"#, "enabled"),
                (#"{"name":"a","src":"https://x.example.com/a.js","channel_id":0}"#, "channel_id"),
            ]
            for (body, field) in cases {
                let answer = try await Self.post(sandbox, body)
                #expect(answer.status == 422, "\(body)")
                #expect((answer.object["errors"] as? [String: Any])?[field] != nil, "\(body) names \(field)")
                #expect(answer.object["title"] is String && answer.object["type"] is String)
            }
            #expect(try await Self.post(sandbox, "[1]").status == 400)
            let tag = try await Self.post(sandbox, #"{"name":"t","kind":"script_tag","html":"<script>var a=1;</script>"}"#)
            #expect(tag.status == 200)
            #expect((tag.object["data"] as? [String: Any])?["load_method"] as? String == "default")
            #expect(sandbox.scripts.scripts().count == 1)
        }
    }

    @Test func checkoutVisibilitiesNeedTheCheckoutContentScope() async throws {
        var configuration = SandboxConfiguration(productCount: 5)
        configuration.grantsCheckoutContentScope = false
        try await Self.with(configuration) { sandbox, client in
            for visibility in ["all_pages", "checkout", "order_confirmation"] {
                await #expect(throws: BigCommerceError.forbidden(endpoint: "POST /v3/content/scripts")) {
                    _ = try await client.createScript(ScriptRequest(name: "a", src: "https://x.example.com/a.js", visibility: visibility))
                }
            }
            let allowed = try await client.createScript(ScriptRequest(name: "a", src: "https://x.example.com/a.js", visibility: "storefront"))
            await #expect(throws: BigCommerceError.self) {
                _ = try await client.updateScript(uuid: allowed.uuid, ScriptRequest(visibility: "all_pages"))
            }
            #expect(sandbox.scripts.script(uuid: allowed.uuid)?.visibility == "storefront")
            sandbox.scripts.grantsCheckoutContentScope = true
            #expect(try await client.updateScript(uuid: allowed.uuid, ScriptRequest(visibility: "all_pages")).visibility == "all_pages")
        }
    }

    @Test func anAppMayCreateTenScripts() async throws {
        try await Self.with { sandbox, client in
            for index in 0..<SandboxScripts.maxScriptsPerApp {
                _ = try await client.createScript(ScriptRequest(name: "s\(index)", src: "https://x.example.com/\(index).js"))
            }
            let eleventh = try await Self.post(sandbox, #"{"name":"s11","src":"https://x.example.com/11.js"}"#)
            #expect(eleventh.status == 422)
            #expect(sandbox.scripts.scripts().count == 10)
            let first = try #require(sandbox.scripts.scripts().first)
            try await client.deleteScript(uuid: first.uuid)
            #expect(try await Self.post(sandbox, #"{"name":"s11","src":"https://x.example.com/11.js"}"#).status == 200)
        }
    }

    @Test func scriptsNeedTheAccessToken() async throws {
        try await Self.with { sandbox, _ in
            let refused = try await Sandboxes.fetch(Self.scriptsURL(sandbox), token: "wrong")
            #expect(refused.status == 401)
        }
    }
}
