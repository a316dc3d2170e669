/// The outcome of authenticating one webhook delivery.
public enum WebhookAuthentication: Sendable, Equatable {
    /// How a delivery was verified.
    public enum Method: String, Sendable, Hashable {
        /// The `X-Clerkbridge-Webhook-Secret` header matched `BIGCOMMERCE_WEBHOOK_SECRET`.
        case sharedSecret
        /// A Standard Webhooks signature verified with `BIGCOMMERCE_CLIENT_SECRET`.
        case signature
    }

    /// At least one configured method verified the delivery.
    case verified(method: Method)
    /// No configured method verified it; process nothing and answer 401.
    case rejected(WebhookRejection)

    /// Whether the delivery may be processed.
    public var isVerified: Bool {
        if case .verified = self { return true }
        return false
    }
}
