import Foundation
import GRDB

extension SQLiteSyncStore: ShopperErasure {
    /// Deletes the shopper's rows in one write transaction.
    public func eraseShopper(email: String) async throws -> ErasedShopper {
        let email = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !email.isEmpty else { return ErasedShopper() }
        return try await writer.write { db in
            var visitors = Set(try String.fetchAll(db, sql: "SELECT visitor FROM email_links WHERE email = ?", arguments: [email]))
            visitors.formUnion(try String.fetchAll(db, sql: "SELECT visitor FROM shopper_baskets WHERE email = ?", arguments: [email]))
            var erased = ErasedShopper(visitors: visitors.count)
            let list = Array(visitors)
            // Events that name the email in their payload (an `email_identified`, a verified identity) go too, even
            // when no link to their visitor was made yet.
            var events: [(id: Int64, storefront: String, eventID: String)] = []
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT id, storefront, event_id, visitor, payload FROM events
                """)
            let needle = Array(email.utf8)
            while let row = try cursor.next() {
                let visitor: String = row["visitor"]
                let payload: [UInt8] = (row["payload"] as Data?).map { Array($0) } ?? []
                if visitors.contains(visitor) || Self.contains(lowercased: payload, needle) {
                    events.append((row["id"], row["storefront"], row["event_id"]))
                }
            }
            for chunk in events.chunked(into: Self.readChunkSize) {
                try db.execute(literal: "DELETE FROM events WHERE id IN \(chunk.map(\.id))")
                erased.events += db.changesCount
                for event in chunk {
                    try db.execute(literal: """
                        DELETE FROM dead_letters WHERE kind = 'event' AND storefront = \(event.storefront) AND entity_id = \(event.eventID)
                        """)
                    erased.deadLetters += db.changesCount
                }
            }
            for chunk in list.chunked(into: Self.readChunkSize) {
                try db.execute(literal: "DELETE FROM shopper_baskets WHERE visitor IN \(chunk)")
                erased.baskets += db.changesCount
                try db.execute(literal: "DELETE FROM cart_visitors WHERE visitor IN \(chunk)")
                erased.attributions += db.changesCount
                try db.execute(literal: "DELETE FROM purchase_visitors WHERE visitor IN \(chunk)")
                erased.attributions += db.changesCount
                try db.execute(literal: "DELETE FROM email_links WHERE visitor IN \(chunk)")
                erased.emailLinks += db.changesCount
            }
            try db.execute(literal: "DELETE FROM shopper_baskets WHERE email = \(email)")
            erased.baskets += db.changesCount
            try db.execute(literal: "DELETE FROM email_links WHERE email = \(email)")
            erased.emailLinks += db.changesCount
            return erased
        }
    }

    /// Whether `haystack`, ASCII-lowercased, contains `needle` (already lowercase).
    package static func contains(lowercased haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        let first = needle[0]
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            let byte = haystack[index]
            let lowered = (65...90).contains(byte) ? byte + 32 : byte
            if lowered == first {
                var matched = true
                for offset in 1..<needle.count {
                    let other = haystack[index + offset]
                    if ((65...90).contains(other) ? other + 32 : other) != needle[offset] {
                        matched = false
                        break
                    }
                }
                if matched { return true }
            }
            index += 1
        }
        return false
    }
}
