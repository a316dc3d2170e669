import Foundation

/// Strong entity tags for the assets `serve` hands to browsers (`/storefront.js`, `/storefront.css`), and the
/// `If-None-Match` check that answers 304 for them.
enum EntityTag {
    /// A strong entity tag from the FNV-1a 64-bit hash of `body` (a content fingerprint, not a security measure).
    static func of(_ body: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in body {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }

    /// Whether an `If-None-Match` value (`*` or a list of entity tags, weak or strong) names `etag`.
    static func matches(_ header: String, etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            var tag = candidate.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            return tag == etag
        }
    }
}
