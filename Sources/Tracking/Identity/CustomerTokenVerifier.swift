import Crypto
import Foundation
import JSONSupport
import Reliability

/// Verifies BigCommerce current-customer JWTs (reference §7.4), which the storefront fetches from
/// `/customer/current.jwt?app_client_id=…` and sends as an event's `customer_token`.
///
/// A token is verified when it is three base64url parts; the header's `alg` is exactly `HS256`; its
/// HMAC-SHA256 over `header.payload`, keyed with the app's client secret, matches (constant time);
/// `iss` is `bc/apps`; `operation` is `current_customer`; `store_hash` is this store's; `exp` is after
/// `now - leeway` and `iat` not after `now + leeway`; and `customer` has a positive `id` and an `email`.
/// Claims are read only after the signature matched. Without a client secret nothing verifies.
///
/// Not confirmed from the reference, so read leniently: whether `customer.id`, `customer.group_id`, `iat`
/// and `exp` are JSON numbers or numeric strings (both are accepted), and whether `store_hash` is the bare
/// hash (assumed) or `stores/{hash}` (also accepted).
public struct CustomerTokenVerifier: Sendable {
    /// Tokens longer than this are refused before any decoding.
    static let maxTokenLength = 8192

    private let key: SymmetricKey?
    private let storeHash: String
    private let leewaySeconds: Double

    /// Creates a verifier for the store `storeHash`. An empty or nil client secret, or an empty store hash,
    /// verifies nothing.
    public init(clientSecret: String?, storeHash: String, leeway: Duration = .seconds(60)) {
        self.key = clientSecret.flatMap { $0.isEmpty ? nil : SymmetricKey(data: Array($0.utf8)) }
        self.storeHash = storeHash
        self.leewaySeconds = max(0, leeway.timeInterval)
    }

    /// The customer `token` names when it verifies at `now`, else why not.
    public func verify(_ token: String, now: Date) -> Result<CustomerIdentity, CustomerTokenRejection> {
        guard let key else { return .failure(.noSecretConfigured) }
        guard token.utf8.count <= Self.maxTokenLength else { return .failure(.malformed) }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerBytes = Base64URL.decode(parts[0]),
            let payloadBytes = Base64URL.decode(parts[1]), let signature = Base64URL.decode(parts[2]),
            let header = JSONValue.parse(headerBytes), case .object = header
        else { return .failure(.malformed) }
        guard case .string("HS256") = header["alg"] else { return .failure(.unsupportedAlgorithm) }
        let signed = Array(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        guard signature.count == SHA256.byteCount,
            HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signed, using: key)
        else { return .failure(.signatureMismatch) }
        guard let claims = JSONValue.parse(payloadBytes), case .object = claims else { return .failure(.malformed) }
        return check(claims, now: now)
    }

    /// The customer `token` names when it verifies at `now`; nil when it does not (or no secret is configured).
    public func identity(from token: String, now: Date) -> CustomerIdentity? {
        try? verify(token, now: now).get()
    }

    private func check(_ claims: JSONValue, now: Date) -> Result<CustomerIdentity, CustomerTokenRejection> {
        guard case .string("bc/apps") = claims["iss"] else { return .failure(.wrongIssuer) }
        guard case .string("current_customer") = claims["operation"] else { return .failure(.wrongOperation) }
        guard !storeHash.isEmpty, case .string(let hash) = claims["store_hash"],
            hash == storeHash || hash == "stores/" + storeHash
        else { return .failure(.wrongStore) }
        guard let expiry = Self.seconds(claims["exp"]), let issued = Self.seconds(claims["iat"]) else {
            return .failure(.missingTimes)
        }
        let nowSeconds = now.timeIntervalSince1970
        guard expiry > nowSeconds - leewaySeconds else { return .failure(.expired) }
        guard issued <= nowSeconds + leewaySeconds else { return .failure(.issuedInFuture) }
        guard let customer = claims["customer"], customer != .null else { return .failure(.noCustomer) }
        guard case .object = customer, let idValue = customer["id"],
            let id = EventValidator.nonNegativeInteger(idValue), id > 0,
            case .string(let email) = customer["email"], !email.isEmpty
        else { return .failure(.invalidCustomer) }
        let groupID = customer["group_id"].flatMap(EventValidator.nonNegativeInteger)
        return .success(CustomerIdentity(customerID: id, email: email, groupID: groupID))
    }

    /// A NumericDate claim: a JSON number (fractions allowed) or a numeric string.
    private static func seconds(_ value: JSONValue?) -> Double? {
        switch value {
        case .number(let text), .string(let text): Double(text).flatMap { $0.isFinite ? $0 : nil }
        default: nil
        }
    }
}
