import Foundation

/// Storefront scripts: `/v3/content/scripts` (reference §7.2; needs the `store_v2_content` scope, and the
/// Checkout Content scope for any visibility but `storefront`).
extension BigCommerceClient {
    /// `GET /v3/content/scripts[?channel_id:in=…]`, all pages: this API account's scripts (of `channelIDs`, when
    /// given).
    public func scripts(channelIDs: [Int] = []) async throws -> [Script] {
        let query = channelIDs.isEmpty ? [] : [("channel_id:in", channelIDs.map(String.init).joined(separator: ","))]
        return try await collectPages("content/scripts", query: query)
    }

    /// `POST /v3/content/scripts`. A visibility the API account may not use is `BigCommerceError.forbidden`;
    /// the tenth script of an app is followed by 422s.
    public func createScript(_ script: ScriptRequest) async throws -> Script {
        let (endpoint, body) = Self.createScriptRequest(script)
        let response = try await send(endpoint, json: body)
        return try Self.decodeEnvelope(Script.self, response.body, endpoint: endpoint)
    }

    /// `PUT /v3/content/scripts/{uuid}`: changes the members `script` sets.
    public func updateScript(uuid: String, _ script: ScriptRequest) async throws -> Script {
        let (endpoint, body) = Self.updateScriptRequest(uuid: uuid, script)
        let response = try await send(endpoint, json: body)
        return try Self.decodeEnvelope(Script.self, response.body, endpoint: endpoint)
    }

    /// `DELETE /v3/content/scripts/{uuid}`; a script already gone (404) is not an error.
    public func deleteScript(uuid: String) async throws {
        let endpoint = Endpoint(.v3, "content/scripts/\(Self.pathSegment(uuid))", method: "DELETE")
        _ = try await send(endpoint, accepting: [404])
    }
}

// MARK: - Request building (tested directly)

extension BigCommerceClient {
    /// `POST /v3/content/scripts` and its body (keys sorted, `nil` members left out).
    static func createScriptRequest(_ script: ScriptRequest) -> (Endpoint, [UInt8]) {
        (Endpoint(.v3, "content/scripts", method: "POST"), encodeScript(script))
    }

    /// `PUT /v3/content/scripts/{uuid}` and its body.
    static func updateScriptRequest(uuid: String, _ script: ScriptRequest) -> (Endpoint, [UInt8]) {
        (Endpoint(.v3, "content/scripts/\(pathSegment(uuid))", method: "PUT"), encodeScript(script))
    }

    /// `text` with everything but unreserved characters percent-encoded, so an id cannot change the path.
    static func pathSegment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static var unreserved: CharacterSet {
        CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    }

    private static func encodeScript(_ script: ScriptRequest) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? Array(encoder.encode(script))) ?? Array("{}".utf8)
    }
}
