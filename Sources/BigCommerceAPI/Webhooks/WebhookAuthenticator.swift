import Crypto
import Foundation

/// Authenticates BigCommerce webhook deliveries as contract.md's "Webhook authentication" says.
///
/// A delivery is verified when at least one configured method verifies it:
/// - the `X-Clerkbridge-Webhook-Secret` header equals the shared secret (constant-time), or
/// - a Standard Webhooks signature: headers `webhook-id`, `webhook-timestamp` (unix seconds, within
///   `tolerance` of now in either direction) and `webhook-signature` (space-separated `v1,<base64>` entries,
///   any of which may match), each an HMAC-SHA256 keyed with the client secret's UTF-8 bytes over
///   `"{id}.{timestamp}.{raw body}"`.
///
/// Header names are matched case-insensitively; with neither secret configured everything is rejected.
public struct WebhookAuthenticator: Sendable {
    /// The header carrying the shared secret.
    public static let sharedSecretHeader = "X-Clerkbridge-Webhook-Secret"
    /// The Standard Webhooks message id header.
    public static let idHeader = "webhook-id"
    /// The Standard Webhooks timestamp header (unix seconds).
    public static let timestampHeader = "webhook-timestamp"
    /// The Standard Webhooks signature header.
    public static let signatureHeader = "webhook-signature"

    private let sharedSecret: [UInt8]?
    private let signingKey: SymmetricKey?
    private let toleranceSeconds: Int64

    /// Creates an authenticator. Empty secrets count as not configured.
    public init(sharedSecret: String?, clientSecret: String?, tolerance: Duration = .seconds(300)) {
        self.sharedSecret = sharedSecret.flatMap { $0.isEmpty ? nil : Array($0.utf8) }
        self.signingKey = clientSecret.flatMap { $0.isEmpty ? nil : SymmetricKey(data: Array($0.utf8)) }
        self.toleranceSeconds = max(0, tolerance.components.seconds)
    }

    /// Whether at least one method is configured (`serve` refuses to start otherwise).
    public var isConfigured: Bool {
        sharedSecret != nil || signingKey != nil
    }

    /// Authenticates one delivery from its headers (any case) and raw body bytes, at `now`.
    public func authenticate(headers: [(name: String, value: String)], body: [UInt8], now: Date)
        -> WebhookAuthentication
    {
        guard isConfigured else { return .rejected(.noSecretConfigured) }
        let presented = Self.value(of: Self.sharedSecretHeader, in: headers)
        if let presented, let sharedSecret, Self.constantTimeEqual(Array(presented.utf8), sharedSecret) {
            return .verified(method: .sharedSecret)
        }
        let id = Self.value(of: Self.idHeader, in: headers)
        let timestamp = Self.value(of: Self.timestampHeader, in: headers)
        let signature = Self.value(of: Self.signatureHeader, in: headers)
        let sharedSecretFailure: WebhookRejection? =
            presented == nil ? nil : (sharedSecret == nil ? .sharedSecretNotConfigured : .sharedSecretMismatch)
        guard id != nil || timestamp != nil || signature != nil else {
            return .rejected(sharedSecretFailure ?? .noCredentials)
        }
        guard let signingKey else {
            return .rejected(sharedSecretFailure ?? .signatureNotConfigured)
        }
        guard let id, let timestamp, let signature else {
            let missing = [(Self.idHeader, id), (Self.timestampHeader, timestamp), (Self.signatureHeader, signature)]
                .filter { $0.1 == nil }.map(\.0)
            return .rejected(.missingSignatureHeaders(missing))
        }
        return verifySignature(
            id: id, timestamp: timestamp, signatures: signature, body: body, now: now, key: signingKey)
    }

    private func verifySignature(
        id: String, timestamp: String, signatures: String, body: [UInt8], now: Date, key: SymmetricKey
    ) -> WebhookAuthentication {
        let trimmed = timestamp.trimmingCharacters(in: .whitespaces)
        guard let seconds = Int64(trimmed) else { return .rejected(.malformedTimestamp) }
        let nowSeconds = Int64(now.timeIntervalSince1970.rounded(.down))
        let (age, overflow) = nowSeconds.subtractingReportingOverflow(seconds)
        guard !overflow else { return .rejected(.malformedTimestamp) }
        guard age.magnitude <= UInt64(toleranceSeconds) else {
            return .rejected(.staleTimestamp(ageSeconds: Int(clamping: age)))
        }
        let content = Self.signedContent(id: id, timestamp: timestamp, body: body)
        var sawSignature = false
        for entry in signatures.split(separator: " ", omittingEmptySubsequences: true) {
            guard let comma = entry.firstIndex(of: ","), entry[..<comma] == "v1" else { continue }
            guard let mac = Data(base64Encoded: String(entry[entry.index(after: comma)...])) else { continue }
            sawSignature = true
            if HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: content, using: key) {
                return .verified(method: .signature)
            }
        }
        return .rejected(sawSignature ? .signatureMismatch : .malformedSignature)
    }

    /// The `webhook-signature` value `v1,<base64 HMAC-SHA256>` for a delivery (for the sandbox and tests).
    public static func sign(id: String, timestamp: Int, body: [UInt8], clientSecret: String) -> String {
        let key = SymmetricKey(data: Array(clientSecret.utf8))
        let mac = HMAC<SHA256>.authenticationCode(
            for: signedContent(id: id, timestamp: String(timestamp), body: body), using: key)
        return "v1," + Data(mac).base64EncodedString()
    }

    /// `"{id}.{timestamp}.{raw body}"` as bytes.
    private static func signedContent(id: String, timestamp: String, body: [UInt8]) -> [UInt8] {
        var content: [UInt8] = []
        content.reserveCapacity(id.utf8.count + timestamp.utf8.count + body.count + 2)
        content += id.utf8
        content.append(UInt8(ascii: "."))
        content += timestamp.utf8
        content.append(UInt8(ascii: "."))
        content += body
        return content
    }

    /// The first value of header `name`, compared case-insensitively.
    public static func value(of name: String, in headers: [(name: String, value: String)]) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Compares the SHA-256 digests of both byte strings in constant time, so neither content nor length leaks
    /// (for any secret a request presents).
    public static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        let left = Array(SHA256.hash(data: lhs))
        let right = Array(SHA256.hash(data: rhs))
        var difference: UInt8 = 0
        for index in 0..<left.count {
            difference |= left[index] ^ right[index]
        }
        return difference == 0
    }
}
