import BigCommerceAPI
import Crypto
import Foundation
import JSONSupport
import SyncStore

/// The shoppers erased with `clerkbridge privacy forget`, kept as SHA-256 hashes of their normalized emails (never
/// the email itself) in markers, so the order import and customer sync do not send them to Clerk again.
public enum ForgottenEmails {
    static let prefix = "privacy.forgotten."

    /// The lowercase hexadecimal SHA-256 of the trimmed, lowercased email.
    public static func hash(_ email: String) -> String {
        Hex.lowercase(Array(SHA256.hash(data: Array(Customer.normalize(email).utf8))))
    }

    /// Remembers that `email` was erased.
    public static func remember(_ email: String, in markers: any SyncMarkers, at: Date) async throws {
        try await markers.setMarker(prefix + hash(email), value: [], at: at)
    }

    /// The hashes of every erased email.
    public static func all(in markers: any SyncMarkers) async throws -> Set<String> {
        Set(try await markers.markers(prefix: prefix).keys.map { String($0.dropFirst(prefix.count)) })
    }
}
