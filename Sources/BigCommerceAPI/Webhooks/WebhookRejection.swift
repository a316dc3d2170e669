/// Why a webhook delivery failed authentication. Descriptions name the header or setting at fault and
/// never contain a secret, a signature or the body.
public enum WebhookRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// Neither `BIGCOMMERCE_WEBHOOK_SECRET` nor `BIGCOMMERCE_CLIENT_SECRET` is configured.
    case noSecretConfigured
    /// The delivery carries neither the shared-secret header nor Standard Webhooks signature headers.
    case noCredentials
    /// `X-Clerkbridge-Webhook-Secret` is present but does not match.
    case sharedSecretMismatch
    /// `X-Clerkbridge-Webhook-Secret` is present but no shared secret is configured to check it.
    case sharedSecretNotConfigured
    /// Some Standard Webhooks headers are present but these are missing.
    case missingSignatureHeaders([String])
    /// Signature headers are present but no client secret is configured to check them.
    case signatureNotConfigured
    /// `webhook-timestamp` is not unix seconds.
    case malformedTimestamp
    /// `webhook-timestamp` is further from now than the tolerance, by this many seconds (negative: in the future).
    case staleTimestamp(ageSeconds: Int)
    /// `webhook-signature` holds no `v1,<base64>` entry.
    case malformedSignature
    /// No `v1` signature matches the body.
    case signatureMismatch

    /// A message for the log and the 401 response.
    public var description: String {
        switch self {
        case .noSecretConfigured:
            "webhook authentication is not configured: set BIGCOMMERCE_WEBHOOK_SECRET or BIGCOMMERCE_CLIENT_SECRET"
        case .noCredentials:
            "webhook delivery has neither an X-Clerkbridge-Webhook-Secret header nor webhook-id/webhook-timestamp/webhook-signature headers"
        case .sharedSecretMismatch:
            "X-Clerkbridge-Webhook-Secret does not match BIGCOMMERCE_WEBHOOK_SECRET"
        case .sharedSecretNotConfigured:
            "webhook delivery carries X-Clerkbridge-Webhook-Secret but BIGCOMMERCE_WEBHOOK_SECRET is not configured"
        case .missingSignatureHeaders(let names):
            "webhook signature headers missing: \(names.joined(separator: ", "))"
        case .signatureNotConfigured:
            "webhook delivery is signed but BIGCOMMERCE_CLIENT_SECRET is not configured"
        case .malformedTimestamp:
            "webhook-timestamp is not unix seconds"
        case .staleTimestamp(let age):
            age >= 0
                ? "webhook-timestamp is \(age) s old, beyond the tolerance"
                : "webhook-timestamp is \(-age) s in the future, beyond the tolerance"
        case .malformedSignature:
            "webhook-signature holds no v1,<base64> signature"
        case .signatureMismatch:
            "webhook-signature does not match the body (signed with a different BIGCOMMERCE_CLIENT_SECRET, or the body was altered)"
        }
    }
}
