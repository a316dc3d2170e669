import Foundation

/// One BigCommerce webhook delivery body: `{scope, store_id, data, hash, created_at, producer}` (reference §5.2).
///
/// Decoding is lenient: unknown fields are ignored, `store_id` may be a string or a number, and `data`
/// may be one object or an array of them (batch price-list scopes). Only `scope` is required.
public struct WebhookPayload: Decodable, Sendable, Hashable {
    /// The event, e.g. `store/product/updated` or `store/channel/1/product/assigned`.
    public var scope: String
    /// The store's numeric id as text (sent as a string in current docs, a number in older ones); empty when absent.
    public var storeID: String
    /// The event's records: one for most scopes, several for batch scopes, none when `data` is absent or `null`.
    public var data: [WebhookData]
    /// SHA-1 of the payload data; identical for duplicate deliveries of the same event.
    public var hash: String?
    /// When the event happened, unix seconds.
    public var createdAt: Int?
    /// `stores/{store_hash}`.
    public var producer: String?

    /// Creates a payload (for tests and the sandbox).
    public init(
        scope: String, storeID: String, data: [WebhookData], hash: String? = nil, createdAt: Int? = nil,
        producer: String? = nil
    ) {
        self.scope = scope
        self.storeID = storeID
        self.data = data
        self.hash = hash
        self.createdAt = createdAt
        self.producer = producer
    }

    private enum CodingKeys: String, CodingKey {
        case scope
        case storeID = "store_id"
        case data, hash
        case createdAt = "created_at"
        case producer
    }

    /// Decodes the webhook envelope; fails only when `scope` is missing or not a string, or `data` holds a non-object.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        scope = try c.decode(String.self, forKey: .scope)
        guard !scope.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .scope, in: c, debugDescription: "empty scope")
        }
        storeID = c.lenientText(.storeID) ?? ""
        if c.contains(.data), try !c.decodeNil(forKey: .data) {
            data = try c.decode(OneOrMany<WebhookData>.self, forKey: .data).elements
        } else {
            data = []
        }
        hash = c.lenientText(.hash)
        createdAt = c.lenientOptionalInt(.createdAt)
        producer = c.lenientText(.producer)
    }

    /// Decodes a raw delivery body, throwing a `WebhookPayloadError` that says what is wrong with it.
    public static func decode(_ body: [UInt8]) throws(WebhookPayloadError) -> WebhookPayload {
        do {
            return try JSONDecoder().decode(WebhookPayload.self, from: Data(body))
        } catch {
            throw classify(body, error)
        }
    }

    /// Names the problem of a body that failed to decode (the slow path only runs for bad bodies).
    private static func classify(_ body: [UInt8], _ error: any Error) -> WebhookPayloadError {
        guard body.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
            return .emptyBody
        }
        guard let json = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]) else {
            return .notJSON
        }
        guard let object = json as? [String: Any] else { return .notAnObject }
        guard let scope = object["scope"] else { return .missingScope }
        guard let text = scope as? String, !text.isEmpty else { return .invalidScope }
        return .invalidField(DecodingFailure.describe(error))
    }
}
