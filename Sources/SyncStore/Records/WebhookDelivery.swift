/// A verified webhook delivery as received, before it is stored (see ``WebhookInbox``).
public struct WebhookDelivery: Sendable, Codable, Equatable {
    /// The Standard Webhooks `webhook-id` header, when the delivery had one; unique per delivery.
    public var webhookID: String?
    /// The payload's `hash` field, when present; BigCommerce repeats it on redelivery.
    public var payloadHash: String?
    /// The webhook scope, e.g. `store/product/updated`.
    public var scope: String
    /// The payload's `store_id`, as text.
    public var storeID: String?
    /// The raw request body.
    public var body: [UInt8]

    /// Creates a delivery.
    public init(webhookID: String?, payloadHash: String?, scope: String, storeID: String?, body: [UInt8]) {
        self.webhookID = webhookID
        self.payloadHash = payloadHash
        self.scope = scope
        self.storeID = storeID
        self.body = body
    }
}
