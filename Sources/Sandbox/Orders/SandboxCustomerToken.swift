import Crypto
import Foundation
import JSONSupport

/// Current-customer JWTs as BigCommerce's storefront issues them at `/customer/current.jwt` (reference §7.4):
/// HS256, signed with the app's client secret, claims `customer {id, email, group_id}`, `iss: "bc/apps"`,
/// `store_hash`, `operation: "current_customer"`, `iat` and `exp = iat + 900`.
///
/// UNCONFIRMED details, chosen to match `Tracking.CustomerTokenVerifier`: the claims' numbers are JSON integers,
/// `store_hash` is the bare hash, and the header is `{"typ":"JWT","alg":"HS256"}`.
public enum SandboxCustomerToken {
    /// How long a token is valid: 15 minutes.
    public static let lifetimeSeconds = 900

    /// A token for `customer` of store `storeHash`, issued at `issuedAt` (whole seconds) and signed with `clientSecret`.
    public static func mint(customer: SandboxCustomer, storeHash: String, clientSecret: String, issuedAt: Date) -> String {
        let iat = Int(issuedAt.timeIntervalSince1970.rounded(.down))
        let header: JSONValue = ["typ": "JWT", "alg": "HS256"]
        let claims: JSONValue = [
            "customer": [
                "id": .int(customer.id), "email": .string(customer.email), "group_id": .int(customer.customerGroupID),
            ],
            "iss": "bc/apps", "iat": .int(iat), "exp": .int(iat + lifetimeSeconds),
            "operation": "current_customer", "store_hash": .string(storeHash),
        ]
        let signingInput = base64URL(header.encoded()) + "." + base64URL(claims.encoded())
        let key = SymmetricKey(data: Array(clientSecret.utf8))
        let signature = HMAC<SHA256>.authenticationCode(for: Array(signingInput.utf8), using: key)
        return signingInput + "." + base64URL(Array(signature))
    }

    /// Unpadded base64url (RFC 4648 §5).
    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
