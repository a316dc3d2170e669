import Foundation
import Testing

@testable import BigCommerceAPI

@Suite("Storefront scripts")
struct ScriptsTests {
    let credentials = BigCommerceCredentials(storeHash: "abc123", accessToken: "tok-secret-1")

    /// A script as reference §7.2 lists its fields (values written for this test).
    static let scriptJSON = """
        { "data": { "uuid": "095be615-a8ad-4c33-8e9c-c7612fbf6c9f", "name": "clerkbridge", "description": "",
                    "html": null, "src": "https://cb.example.com/storefront.js?channel_id=1", "auto_uninstall": true,
                    "load_method": "defer", "location": "footer", "visibility": "all_pages", "kind": "src",
                    "api_client_id": "m9r6keqmo7h7f23btnpwernbez1kglkl", "consent_category": "analytics",
                    "enabled": true, "channel_id": 1, "integrity_hashes": [],
                    "date_created": "2026-11-24T10:00:00+00:00", "date_modified": "2026-11-24T11:00:00+00:00" },
          "meta": {} }
        """

    @Test func createRequestLeavesUnsetMembersOut() {
        let (endpoint, body) = BigCommerceClient.createScriptRequest(ScriptRequest(
            name: "clerkbridge", kind: "src", src: "https://cb.example.com/storefront.js?channel_id=2", loadMethod: "defer",
            location: "footer", visibility: "all_pages", consentCategory: "analytics", enabled: true, autoUninstall: true,
            channelID: 2))
        #expect(endpoint.description == "POST /v3/content/scripts")
        #expect(endpoint.url(for: credentials) == "https://api.bigcommerce.com/stores/abc123/v3/content/scripts")
        #expect(
            String(decoding: body, as: UTF8.self)
                == #"{"auto_uninstall":true,"channel_id":2,"consent_category":"analytics","enabled":true,"kind":"src","load_method":"defer","location":"footer","name":"clerkbridge","src":"https://cb.example.com/storefront.js?channel_id=2","visibility":"all_pages"}"#
        )
    }

    @Test func updateRequestEncodesTheUUIDAsOnePathSegment() {
        let (endpoint, body) = BigCommerceClient.updateScriptRequest(uuid: "095be615-a8ad", ScriptRequest(enabled: false))
        #expect(endpoint.description == "PUT /v3/content/scripts/095be615-a8ad")
        #expect(String(decoding: body, as: UTF8.self) == #"{"enabled":false}"#)
        let (hostile, _) = BigCommerceClient.updateScriptRequest(uuid: "../hooks?x=1", ScriptRequest())
        #expect(hostile.route == "PUT /v3/content/scripts/..%2Fhooks%3Fx%3D1")
    }

    @Test func decodesAScript() throws {
        let script = try BigCommerceClient.decodeEnvelope(
            Script.self, Array(Self.scriptJSON.utf8), endpoint: Endpoint(.v3, "content/scripts"))
        #expect(script.uuid == "095be615-a8ad-4c33-8e9c-c7612fbf6c9f" && script.name == "clerkbridge")
        #expect(script.kind == "src" && script.src == "https://cb.example.com/storefront.js?channel_id=1" && script.html == nil)
        #expect(script.loadMethod == "defer" && script.location == "footer" && script.visibility == "all_pages")
        #expect(script.consentCategory == "analytics" && script.isEnabled && script.autoUninstall && script.channelID == 1)
        #expect(script.apiClientID == "m9r6keqmo7h7f23btnpwernbez1kglkl")
        #expect(script.dateModified.map { $0.timeIntervalSince1970 } == 1_795_518_000)
    }

    @Test func absentMembersTakeTheAPIDefaults() throws {
        let script = try JSONDecoder().decode(Script.self, from: Data(#"{"uuid":"u","name":"n"}"#.utf8))
        #expect(script.kind == "src" && script.loadMethod == "default" && script.location == "head")
        #expect(script.visibility == "storefront" && script.consentCategory == "unknown" && script.channelID == 1)
        #expect(script.isEnabled && !script.autoUninstall && script.integrityHashes.isEmpty)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Script.self, from: Data(#"{"name":"n"}"#.utf8)) }
    }
}
