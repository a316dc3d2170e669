/// Why a current-customer JWT was not verified (for logs; never holds the token or the secret).
public enum CustomerTokenRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// No client secret is configured, so no token can be verified.
    case noSecretConfigured
    /// Not three base64url parts, a part not JSON, or the token is too long.
    case malformed
    /// The header's `alg` is not exactly `HS256` (this includes `none`).
    case unsupportedAlgorithm
    /// The HMAC-SHA256 signature does not match.
    case signatureMismatch
    /// `iss` is not `bc/apps`.
    case wrongIssuer
    /// `operation` is not `current_customer`.
    case wrongOperation
    /// `store_hash` is not this store's.
    case wrongStore
    /// `exp` or `iat` is missing or not a number.
    case missingTimes
    /// `exp` has passed (beyond the leeway).
    case expired
    /// `iat` is in the future (beyond the leeway).
    case issuedInFuture
    /// The token has no `customer` (a guest).
    case noCustomer
    /// `customer.id` is not a positive integer or `customer.email` is missing.
    case invalidCustomer

    /// A short explanation.
    public var description: String {
        switch self {
        case .noSecretConfigured: "no client secret is configured"
        case .malformed: "the token is not a well-formed JWT"
        case .unsupportedAlgorithm: "the token's algorithm is not HS256"
        case .signatureMismatch: "the token's signature does not match"
        case .wrongIssuer: "the token's issuer is not bc/apps"
        case .wrongOperation: "the token's operation is not current_customer"
        case .wrongStore: "the token is for another store"
        case .missingTimes: "the token lacks a numeric exp or iat"
        case .expired: "the token has expired"
        case .issuedInFuture: "the token is issued in the future"
        case .noCustomer: "the token names no customer"
        case .invalidCustomer: "the token's customer has no valid id or email"
        }
    }
}
