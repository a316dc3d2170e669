import Foundation
import JSONSupport

/// Replaces every configured secret (access tokens, client and webhook secrets, Clerk private keys, admin tokens)
/// by `***` wherever it appears: plain, JSON-escaped or percent-encoded. What `dlq show`, the dashboard's
/// dead-letter detail and the log handler pass payloads and messages through, behind the masking done when a
/// letter is recorded (a Clerk request keeps its private key as `***` already).
public struct SecretMask: Sendable {
    /// The replacement.
    public static let mask = "***"

    /// Each secret in every form it may take, longest first (so a secret containing another is masked whole).
    private let forms: [[UInt8]]

    /// A mask of `secrets`; values shorter than 4 characters are ignored (they would mask ordinary text).
    public init(secrets: [String]) {
        var forms = Set<[UInt8]>()
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        for secret in secrets where secret.count >= 4 {
            forms.insert(Array(secret.utf8))
            forms.insert(JSONWriter.escaped(secret))
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: unreserved) { forms.insert(Array(encoded.utf8)) }
        }
        self.forms = forms.sorted { $0.count > $1.count }
    }

    /// `bytes` with every secret replaced.
    public func masking(_ bytes: [UInt8]) -> [UInt8] {
        forms.reduce(bytes) { Self.replacing($1, in: $0) }
    }

    /// `text` with every secret replaced.
    public func masking(_ text: String) -> String {
        forms.isEmpty ? text : String(decoding: masking(Array(text.utf8)), as: UTF8.self)
    }

    private static func replacing(_ needle: [UInt8], in haystack: [UInt8]) -> [UInt8] {
        guard let first = needle.first, haystack.count >= needle.count else { return haystack }
        var output: [UInt8] = []
        output.reserveCapacity(haystack.count)
        var index = 0
        while index < haystack.count {
            if haystack[index] == first, index + needle.count <= haystack.count,
                haystack[index..<(index + needle.count)].elementsEqual(needle)
            {
                output.append(contentsOf: mask.utf8)
                index += needle.count
            } else {
                output.append(haystack[index])
                index += 1
            }
        }
        return output
    }
}
