import Foundation
import Testing

@testable import Tracking

/// Property-style checks: random strings never crash the decoder and are judged by the documented rules.
@Suite struct RandomInputTests {
    /// A small deterministic generator (SplitMix64), so failures are reproducible.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let alphabet: [Character] = Array(
        "abcXYZ019@.-_+ \t\n\"\\/é漢😀\u{0}\u{7F}\u{1F}<>()[],;:" + "\u{200B}\u{FEFF}")

    /// Characters that mostly make plausible addresses, with `.`, `-` and `@` to hit the label and `@` rules.
    static let emailAlphabet: [Character] = Array("abcdefXYZ0189.-_+@é")

    static func randomString(_ rng: inout SplitMix64, from characters: [Character] = alphabet) -> String {
        let length = Int.random(in: 0...80, using: &rng)
        return String((0..<length).map { _ in characters.randomElement(using: &rng)! })
    }

    /// `text` as a JSON string literal.
    static func literal(_ text: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed])
        let array = String(decoding: data, as: UTF8.self)
        return String(array.dropFirst().dropLast())
    }

    static func isDocumentedVisitorID(_ text: String) -> Bool {
        text.range(of: "^[A-Za-z0-9]{1,32}$", options: .regularExpression) != nil
    }

    @Test func randomVisitorIDsAndIDsFollowTheRules() throws {
        var rng = SplitMix64(state: 2026)
        for round in 0..<1500 {
            let id = Self.randomString(&rng)
            let visitor =
                round % 3 == 0
                ? String(Self.randomString(&rng).filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
                : Self.randomString(&rng)
            let json =
                #"{"id": \#(Self.literal(id)), "type": "category_viewed", "visitor_id": \#(Self.literal(visitor)), "occurred_at": "2026-11-24T11:00:00Z", "category_id": 1}"#
            let entry = try single(json)
            let idValid =
                !id.isEmpty && id.count <= 64 && !id.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
            switch entry {
            case .accepted(let event):
                #expect(
                    idValid && Self.isDocumentedVisitorID(visitor),
                    "accepted id \(id.debugDescription) visitor \(visitor.debugDescription)")
                #expect(event.id == id && event.visitorID == visitor)
            case .rejected(let rejection):
                if !idValid {
                    #expect(rejection.code == .invalidField || rejection.code == .missingField)
                    #expect(rejection.id == nil)
                } else {
                    #expect(rejection.code == .invalidVisitorID)
                    #expect(!Self.isDocumentedVisitorID(visitor))
                    #expect(rejection.id == id)
                }
                #expect(rejection.message.count <= 200)
            }
        }
    }

    @Test func randomEmailsFollowTheRule() throws {
        var rng = SplitMix64(state: 7)
        var acceptedCount = 0
        for round in 0..<1500 {
            let email =
                switch round % 3 {
                case 0: Self.randomString(&rng)
                case 1: Self.randomString(&rng) + "@" + Self.randomString(&rng) + ".com"
                default:
                    Self.randomString(&rng, from: Self.emailAlphabet) + "@"
                        + Self.randomString(&rng, from: Self.emailAlphabet) + ".com"
                }
            let entry = try single(eventJSON(type: "email_identified", fields: "\"email\": \(Self.literal(email))"))
            switch entry {
            case .accepted(let event):
                acceptedCount += 1
                #expect(event.kind == .emailIdentified(email: email))
                #expect(EventValidator.isPlausibleEmail(email))
                #expect(email.filter { $0 == "@" }.count == 1)
                #expect(!email.contains { $0.isWhitespace })
            case .rejected(let rejection):
                #expect(rejection.code == .invalidEmail)
                #expect(!EventValidator.isPlausibleEmail(email))
                #expect(email.count <= 64 || !rejection.message.contains(email))
            }
        }
        #expect(acceptedCount > 0)
    }

    @Test func randomBytesNeverCrashTheBatchParser() {
        var rng = SplitMix64(state: 99)
        let pieces = [
            "{", "}", "[", "]", ",", ":", "\"events\"", "\"id\"", "\"a\"", "1", "-0.5e3", "null", "true", " ",
            "\\u00e9", "\"\\ud83d\\ude00\"", "\"\\ud800\"",
        ]
        for _ in 0..<3000 {
            let count = Int.random(in: 0...30, using: &rng)
            let body = (0..<count).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let result = Result { () throws(EventBatchError) in try EventBatch.parse(Array(body.utf8), now: testNow) }
            if case .success(let batch) = result {
                #expect(batch.entries.count >= 0)
            }
        }
    }
}
