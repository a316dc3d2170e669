import Crypto
import Foundation
import Testing

@testable import Tracking

@Suite struct CustomerTokenVerifierTests {
    static let secret = "bc-client-secret-7f3a9c"
    static let storeHash = "abc123"
    static let issuedAt = Int(testNow.timeIntervalSince1970) - 60

    static func base64url(_ text: String) -> String {
        Base64URL.encode(Array(text.utf8))
    }

    /// A JWT with `header` and `payload` (JSON texts), signed HS256 with `secret`.
    static func token(header: String = #"{"typ":"JWT","alg":"HS256"}"#, payload: String, secret: String = secret)
        -> String
    {
        let signingInput = base64url(header) + "." + base64url(payload)
        let mac = HMAC<SHA256>.authenticationCode(
            for: Array(signingInput.utf8), using: SymmetricKey(data: Array(secret.utf8)))
        return signingInput + "." + Base64URL.encode(Array(mac))
    }

    static func payload(
        customer: String? = #"{"id":4927,"email":"john.doe@example.com","group_id":"6"}"#, iss: String = "bc/apps",
        operation: String = "current_customer", storeHash: String = storeHash, iat: Int = issuedAt,
        exp: Int = issuedAt + 900
    ) -> String {
        let customerMember = customer.map { #""customer":\#($0),"# } ?? ""
        return
            #"{\#(customerMember)"iss":"\#(iss)","iat":\#(iat),"exp":\#(exp),"version":1,"aud":"client-id","application_id":"app","store_hash":"\#(storeHash)","operation":"\#(operation)"}"#
    }

    let verifier = CustomerTokenVerifier(clientSecret: secret, storeHash: storeHash)

    @Test func validTokenVerifies() throws {
        let identity = try verifier.verify(Self.token(payload: Self.payload()), now: testNow).get()
        #expect(identity == CustomerIdentity(customerID: 4927, email: "john.doe@example.com", groupID: 6))
        #expect(verifier.identity(from: Self.token(payload: Self.payload()), now: testNow) == identity)
    }

    @Test func stringCustomerIDAndNumericGroupAreAccepted() throws {
        let token = Self.token(payload: Self.payload(customer: #"{"id":"12","email":"a@example.com","group_id":0}"#))
        #expect(
            try verifier.verify(token, now: testNow).get()
                == CustomerIdentity(customerID: 12, email: "a@example.com", groupID: 0))
    }

    @Test func leewayCoversSmallClockSkew() throws {
        let justExpired = Self.token(payload: Self.payload(exp: Int(testNow.timeIntervalSince1970) - 30))
        #expect(verifier.identity(from: justExpired, now: testNow) != nil)
        let slightlyAhead = Self.token(payload: Self.payload(iat: Int(testNow.timeIntervalSince1970) + 30))
        #expect(verifier.identity(from: slightlyAhead, now: testNow) != nil)
    }

    static func unverifiedCases() -> [(name: String, token: String, reason: CustomerTokenRejection)] {
        let valid = token(payload: payload())
        let parts = valid.split(separator: ".").map(String.init)
        let tampered =
            parts[0] + "." + base64url(payload(customer: #"{"id":1,"email":"admin@example.com"}"#)) + "." + parts[2]
        let unsignedNone = base64url(#"{"alg":"none","typ":"JWT"}"#) + "." + base64url(payload()) + "."
        let now = Int(testNow.timeIntervalSince1970)
        return [
            ("tampered payload", tampered, .signatureMismatch),
            ("wrong secret", token(payload: payload(), secret: "another-secret"), .signatureMismatch),
            ("alg none", unsignedNone, .unsupportedAlgorithm),
            ("alg none with signature", token(header: #"{"alg":"none"}"#, payload: payload()), .unsupportedAlgorithm),
            ("alg HS512", token(header: #"{"alg":"HS512"}"#, payload: payload()), .unsupportedAlgorithm),
            ("alg lowercase", token(header: #"{"alg":"hs256"}"#, payload: payload()), .unsupportedAlgorithm),
            ("no alg", token(header: #"{"typ":"JWT"}"#, payload: payload()), .unsupportedAlgorithm),
            ("expired", token(payload: payload(iat: now - 1000, exp: now - 100)), .expired),
            ("issued in the future", token(payload: payload(iat: now + 600, exp: now + 1500)), .issuedInFuture),
            (
                "no exp",
                token(
                    payload:
                        #"{"customer":{"id":1,"email":"a@b.co"},"iss":"bc/apps","iat":\#(now),"store_hash":"abc123","operation":"current_customer"}"#
                ), .missingTimes
            ),
            ("wrong store hash", token(payload: payload(storeHash: "zzz999")), .wrongStore),
            ("wrong iss", token(payload: payload(iss: "bc/other")), .wrongIssuer),
            ("wrong operation", token(payload: payload(operation: "something_else")), .wrongOperation),
            ("guest", token(payload: payload(customer: nil)), .noCustomer),
            (
                "customer id 0", token(payload: payload(customer: #"{"id":0,"email":"a@example.com"}"#)),
                .invalidCustomer
            ),
            ("customer without email", token(payload: payload(customer: #"{"id":5}"#)), .invalidCustomer),
            ("two parts", parts[0] + "." + parts[1], .malformed),
            ("four parts", valid + ".x", .malformed),
            ("padded base64", valid + "=", .malformed),
            ("not base64", "!!!." + parts[1] + "." + parts[2], .malformed),
            ("empty", "", .malformed),
            ("header not JSON", base64url("hello") + "." + parts[1] + "." + parts[2], .malformed),
        ]
    }

    @Test(arguments: 0..<unverifiedCases().count)
    func unverified(caseIndex: Int) {
        let (name, token, reason) = Self.unverifiedCases()[caseIndex]
        let result = verifier.verify(token, now: testNow)
        #expect(result == .failure(reason), "\(name)")
        #expect(verifier.identity(from: token, now: testNow) == nil, "\(name)")
        let text = "\(reason) \(String(describing: result))"
        #expect(!text.contains(Self.secret))
        #expect(token.isEmpty || !text.contains(token))
    }

    @Test(arguments: [nil, ""] as [String?])
    func missingSecretVerifiesNothing(secret: String?) {
        let verifier = CustomerTokenVerifier(clientSecret: secret, storeHash: Self.storeHash)
        #expect(verifier.verify(Self.token(payload: Self.payload()), now: testNow) == .failure(.noSecretConfigured))
        #expect(
            verifier.verify(Self.token(payload: Self.payload(), secret: ""), now: testNow)
                == .failure(.noSecretConfigured))
    }

    @Test func emptyStoreHashVerifiesNothing() {
        let verifier = CustomerTokenVerifier(clientSecret: Self.secret, storeHash: "")
        let token = Self.token(payload: Self.payload(storeHash: ""))
        #expect(verifier.verify(token, now: testNow) == .failure(.wrongStore))
    }

    @Test func storesPrefixedStoreHashIsAccepted() {
        let token = Self.token(payload: Self.payload(storeHash: "stores/abc123"))
        #expect(verifier.identity(from: token, now: testNow)?.customerID == 4927)
    }

    @Test func reasonsNeverMentionTheSecretOrTheToken() {
        let token = Self.token(payload: Self.payload())
        for reason in [
            CustomerTokenRejection.noSecretConfigured, .malformed, .unsupportedAlgorithm, .signatureMismatch,
            .wrongIssuer, .wrongOperation, .wrongStore, .missingTimes, .expired, .issuedInFuture, .noCustomer,
            .invalidCustomer,
        ] {
            #expect(!reason.description.contains(Self.secret))
            #expect(!reason.description.contains(token))
            #expect(!reason.description.isEmpty)
        }
    }
}
