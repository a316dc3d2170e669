import Foundation

/// Webhook subscriptions: `/v3/hooks` and `/v3/hooks/admin`.
extension BigCommerceClient {
    /// `GET /v3/hooks`, all pages: the hooks of this API account's client id.
    public func hooks() async throws -> [Hook] {
        try await collectPages("hooks")
    }

    /// `POST /v3/hooks`: subscribes `scope` to `destination` (HTTPS on port 443), echoing `headers` on every delivery.
    public func createHook(scope: String, destination: String, headers: [String: String]? = nil, isActive: Bool = true)
        async throws -> Hook
    {
        let (endpoint, body) = Self.createHookRequest(
            scope: scope, destination: destination, headers: headers, isActive: isActive)
        let response = try await send(endpoint, json: body)
        return try Self.decodeHook(response.body, endpoint: endpoint)
    }

    /// `PUT /v3/hooks/{id}`: switches a hook on or off (re-activates one BigCommerce deactivated) and,
    /// when given, replaces its custom headers.
    public func updateHook(id: Int, isActive: Bool, headers: [String: String]? = nil) async throws -> Hook {
        let (endpoint, body) = Self.updateHookRequest(id: id, isActive: isActive, headers: headers)
        let response = try await send(endpoint, json: body)
        return try Self.decodeHook(response.body, endpoint: endpoint)
    }

    /// `GET /v3/hooks/admin`: notification emails, hooks with their status, deny-listed domains.
    public func hooksAdmin() async throws -> HooksAdmin {
        let endpoint = Endpoint(.v3, "hooks/admin")
        let response = try await get(endpoint)
        guard response.hasContent else { return HooksAdmin() }
        return try Self.decodeEnvelope(HooksAdmin.self, response.body, endpoint: endpoint)
    }
}

// MARK: - Request building and decoding (tested directly)

extension BigCommerceClient {
    /// `POST /v3/hooks` and its body `{scope, destination, is_active, headers?}` (keys sorted).
    static func createHookRequest(scope: String, destination: String, headers: [String: String]?, isActive: Bool)
        -> (Endpoint, [UInt8])
    {
        let body = HookRequestBody(scope: scope, destination: destination, isActive: isActive, headers: headers)
        return (Endpoint(.v3, "hooks", method: "POST"), encode(body))
    }

    /// `PUT /v3/hooks/{id}` and its body `{is_active, headers?}` (keys sorted).
    ///
    /// UNCONFIRMED: that BigCommerce accepts a PUT without `scope` and `destination` (the OpenAPI example
    /// sends all four; the schema marks none required).
    static func updateHookRequest(id: Int, isActive: Bool, headers: [String: String]?) -> (Endpoint, [UInt8]) {
        let body = HookRequestBody(scope: nil, destination: nil, isActive: isActive, headers: headers)
        return (Endpoint(.v3, "hooks/\(id)", method: "PUT"), encode(body))
    }

    /// The hook in a `{data: {…}}` response.
    static func decodeHook(_ body: [UInt8], endpoint: Endpoint) throws -> Hook {
        try decodeEnvelope(Hook.self, body, endpoint: endpoint)
    }

    /// `data` of a V3 envelope, with errors naming the endpoint.
    static func decodeEnvelope<T: Decodable>(_ type: T.Type, _ body: [UInt8], endpoint: Endpoint) throws -> T {
        do {
            return try JSONDecoder().decode(V3Envelope<T>.self, from: Data(body)).data
        } catch {
            throw BigCommerceError.decoding(endpoint: endpoint.route, context: DecodingFailure.describe(error))
        }
    }

    private static func encode(_ body: HookRequestBody) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? Array(encoder.encode(body))) ?? Array("{}".utf8)
    }
}

/// The JSON body of `POST /v3/hooks` and `PUT /v3/hooks/{id}`; `nil` members are left out.
private struct HookRequestBody: Encodable {
    var scope: String?
    var destination: String?
    var isActive: Bool
    var headers: [String: String]?

    private enum CodingKeys: String, CodingKey {
        case scope, destination, headers
        case isActive = "is_active"
    }
}
