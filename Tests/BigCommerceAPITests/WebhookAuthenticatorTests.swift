import Foundation
import Testing

@testable import BigCommerceAPI

@Suite("Webhook authentication")
struct WebhookAuthenticatorTests {
    static let sharedSecret = "shared-SECRET-4b1d"
    static let clientSecret = "client-SECRET-77aa"
    static let body = Array(
        #"{"scope":"store/product/updated","store_id":"1","data":{"type":"product","id":112}}"#.utf8)
    static let now = Date(timeIntervalSince1970: 1_736_928_764)
    static let timestamp = 1_736_928_764

    let both = WebhookAuthenticator(sharedSecret: sharedSecret, clientSecret: clientSecret)
    let signatureOnly = WebhookAuthenticator(sharedSecret: nil, clientSecret: clientSecret)
    let secretOnly = WebhookAuthenticator(sharedSecret: sharedSecret, clientSecret: nil)

    func signedHeaders(
        id: String = "msg_2Kx", timestamp: Int = timestamp, body: [UInt8] = body, secret: String = clientSecret
    ) -> [(name: String, value: String)] {
        [
            ("webhook-id", id), ("webhook-timestamp", String(timestamp)),
            (
                "webhook-signature",
                WebhookAuthenticator.sign(id: id, timestamp: timestamp, body: body, clientSecret: secret)
            ),
        ]
    }

    func rejection(_ result: WebhookAuthentication) -> WebhookRejection? {
        if case .rejected(let reason) = result { return reason }
        return nil
    }

    @Test func sharedSecretMatches() {
        let headers = [(name: "x-clerkbridge-webhook-secret", value: Self.sharedSecret)]
        #expect(both.authenticate(headers: headers, body: Self.body, now: Self.now) == .verified(method: .sharedSecret))
        #expect(
            secretOnly.authenticate(headers: headers, body: Self.body, now: Self.now)
                == .verified(method: .sharedSecret))
        let upper = [(name: "X-CLERKBRIDGE-WEBHOOK-SECRET", value: Self.sharedSecret)]
        #expect(secretOnly.authenticate(headers: upper, body: [], now: Self.now).isVerified)
    }

    @Test func wrongSharedSecret() {
        for wrong in [Self.sharedSecret + "x", String(Self.sharedSecret.dropLast()), "", "SHARED-secret-4b1d"] {
            let headers = [(name: "X-Clerkbridge-Webhook-Secret", value: wrong)]
            #expect(
                rejection(both.authenticate(headers: headers, body: Self.body, now: Self.now)) == .sharedSecretMismatch)
        }
        let headers = [(name: "X-Clerkbridge-Webhook-Secret", value: Self.sharedSecret)]
        #expect(
            rejection(signatureOnly.authenticate(headers: headers, body: Self.body, now: Self.now))
                == .sharedSecretNotConfigured)
    }

    @Test func signatureVerifies() {
        #expect(
            signatureOnly.authenticate(headers: signedHeaders(), body: Self.body, now: Self.now)
                == .verified(method: .signature))
        #expect(
            both.authenticate(headers: signedHeaders(), body: Self.body, now: Self.now) == .verified(method: .signature)
        )
        let upper = signedHeaders().map { (name: $0.name.uppercased(), value: $0.value) }
        #expect(signatureOnly.authenticate(headers: upper, body: Self.body, now: Self.now).isVerified)
    }

    /// The MAC a Standard Webhooks library computes when keyed with base64(client secret), which it decodes
    /// back to the secret's bytes (expected value from Python's `hmac` over `msg_1.1700000000.{}` with key `key`).
    @Test func signatureMatchesAnIndependentHMAC() {
        let signature = WebhookAuthenticator.sign(
            id: "msg_1", timestamp: 1_700_000_000, body: Array("{}".utf8), clientSecret: "key")
        #expect(signature == "v1,XaXLFEFQ69Q4+demDWPEv5ydXczDW2mM5crCUEFcFBA=")
    }

    @Test func tamperedBody() {
        var tampered = Self.body
        tampered[tampered.count - 3] = UInt8(ascii: "3")
        #expect(
            rejection(signatureOnly.authenticate(headers: signedHeaders(), body: tampered, now: Self.now))
                == .signatureMismatch)
        #expect(
            rejection(signatureOnly.authenticate(headers: signedHeaders(), body: Self.body + [0x20], now: Self.now))
                == .signatureMismatch)
    }

    @Test func tamperedIDOrTimestamp() {
        var headers = signedHeaders()
        headers[0].value = "msg_other"
        #expect(
            rejection(signatureOnly.authenticate(headers: headers, body: Self.body, now: Self.now))
                == .signatureMismatch)
        headers = signedHeaders()
        headers[1].value = String(Self.timestamp + 1)
        #expect(
            rejection(signatureOnly.authenticate(headers: headers, body: Self.body, now: Self.now))
                == .signatureMismatch)
    }

    @Test func wrongClientSecret() {
        let headers = signedHeaders(secret: "another-secret")
        #expect(
            rejection(signatureOnly.authenticate(headers: headers, body: Self.body, now: Self.now))
                == .signatureMismatch)
        #expect(rejection(both.authenticate(headers: headers, body: Self.body, now: Self.now)) == .signatureMismatch)
    }

    @Test func timestampWithinAndBeyondFiveMinutes() {
        for offset in [-300, -299, 0, 299, 300] {
            let headers = signedHeaders(timestamp: Self.timestamp + offset)
            #expect(
                signatureOnly.authenticate(headers: headers, body: Self.body, now: Self.now).isVerified,
                "offset \(offset)")
        }
        let old = signedHeaders(timestamp: Self.timestamp - 301)
        #expect(
            rejection(signatureOnly.authenticate(headers: old, body: Self.body, now: Self.now))
                == .staleTimestamp(ageSeconds: 301))
        let future = signedHeaders(timestamp: Self.timestamp + 301)
        #expect(
            rejection(signatureOnly.authenticate(headers: future, body: Self.body, now: Self.now))
                == .staleTimestamp(ageSeconds: -301))
        let veryOld = signedHeaders(timestamp: 0)
        #expect(rejection(signatureOnly.authenticate(headers: veryOld, body: Self.body, now: Self.now)) != nil)
    }

    @Test func customTolerance() {
        let strict = WebhookAuthenticator(sharedSecret: nil, clientSecret: Self.clientSecret, tolerance: .seconds(10))
        #expect(
            strict.authenticate(headers: signedHeaders(timestamp: Self.timestamp - 10), body: Self.body, now: Self.now)
                .isVerified)
        #expect(
            !strict.authenticate(headers: signedHeaders(timestamp: Self.timestamp - 11), body: Self.body, now: Self.now)
                .isVerified)
    }

    @Test func malformedTimestampAndSignature() {
        var headers = signedHeaders()
        headers[1].value = "2025-01-15T08:12:44Z"
        #expect(
            rejection(signatureOnly.authenticate(headers: headers, body: Self.body, now: Self.now))
                == .malformedTimestamp)
        headers = signedHeaders()
        headers[2].value = "v2,abc v1 garbage"
        #expect(
            rejection(signatureOnly.authenticate(headers: headers, body: Self.body, now: Self.now))
                == .malformedSignature)
    }

    @Test func missingHeaders() {
        let none: [(name: String, value: String)] = []
        #expect(rejection(both.authenticate(headers: none, body: Self.body, now: Self.now)) == .noCredentials)
        for dropped in 0..<3 {
            var headers = signedHeaders()
            let name = headers.remove(at: dropped).name
            #expect(
                rejection(signatureOnly.authenticate(headers: headers, body: Self.body, now: Self.now))
                    == .missingSignatureHeaders([name]))
        }
        #expect(
            rejection(secretOnly.authenticate(headers: signedHeaders(), body: Self.body, now: Self.now))
                == .signatureNotConfigured)
    }

    @Test func severalSignaturesOneValid() {
        var headers = signedHeaders()
        let valid = headers[2].value
        let wrong = WebhookAuthenticator.sign(
            id: "msg_2Kx", timestamp: Self.timestamp, body: Self.body, clientSecret: "old-secret")
        headers[2].value = "v1a,zzz \(wrong) v1,!!notbase64 \(valid)"
        #expect(
            signatureOnly.authenticate(headers: headers, body: Self.body, now: Self.now)
                == .verified(method: .signature))
        headers[2].value = "\(wrong) \(wrong)"
        #expect(
            rejection(signatureOnly.authenticate(headers: headers, body: Self.body, now: Self.now))
                == .signatureMismatch)
    }

    @Test func wrongSharedSecretButValidSignature() {
        let headers = [(name: "X-Clerkbridge-Webhook-Secret", value: "wrong")] + signedHeaders()
        #expect(both.authenticate(headers: headers, body: Self.body, now: Self.now) == .verified(method: .signature))
    }

    @Test func neitherSecretConfigured() {
        for authenticator in [
            WebhookAuthenticator(sharedSecret: nil, clientSecret: nil),
            WebhookAuthenticator(sharedSecret: "", clientSecret: ""),
        ] {
            #expect(!authenticator.isConfigured)
            let headers = [(name: "X-Clerkbridge-Webhook-Secret", value: "")] + signedHeaders(secret: "")
            #expect(
                rejection(authenticator.authenticate(headers: headers, body: Self.body, now: Self.now))
                    == .noSecretConfigured)
        }
    }

    @Test func rejectionReasonsContainNoSecret() {
        let reasons: [WebhookRejection] = [
            .noSecretConfigured, .noCredentials, .sharedSecretMismatch, .sharedSecretNotConfigured,
            .missingSignatureHeaders(["webhook-id"]),
            .signatureNotConfigured, .malformedTimestamp, .staleTimestamp(ageSeconds: 301),
            .staleTimestamp(ageSeconds: -301), .malformedSignature, .signatureMismatch,
        ]
        let signature = signedHeaders()[2].value
        for reason in reasons {
            #expect(!reason.description.contains(Self.sharedSecret))
            #expect(!reason.description.contains(Self.clientSecret))
            #expect(!reason.description.contains(String(signature.dropFirst(3))))
            #expect(!reason.description.isEmpty)
        }
        let headers =
            [(name: "X-Clerkbridge-Webhook-Secret", value: Self.clientSecret)]
            + signedHeaders(secret: Self.sharedSecret)
        let result = both.authenticate(headers: headers, body: Self.body, now: Self.now)
        #expect(!String(describing: result).contains(Self.sharedSecret))
        #expect(!String(describing: result).contains(Self.clientSecret))
    }

    @Test func constantTimeEquality() {
        #expect(WebhookAuthenticator.constantTimeEqual(Array("abc".utf8), Array("abc".utf8)))
        #expect(!WebhookAuthenticator.constantTimeEqual(Array("abc".utf8), Array("abd".utf8)))
        #expect(!WebhookAuthenticator.constantTimeEqual(Array("abc".utf8), Array("abcd".utf8)))
        #expect(WebhookAuthenticator.constantTimeEqual([], []))
    }
}
