import Foundation
import PostgresNIO
import SyncStore

/// A GDPR erasure on PostgreSQL: the SQLite store's deletions (the reference), in one transaction.
extension PostgresSyncStore: ShopperErasure {
    /// Deletes the shopper's rows in one transaction. Events are matched as SQLite matches them (the visitor, or the
    /// email in the ASCII-lowercased payload bytes), so the payload is read rather than decoded as text in SQL.
    public func eraseShopper(email: String) async throws -> ErasedShopper {
        let email = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !email.isEmpty else { return ErasedShopper() }
        let logger = logger
        return try await write { connection in
            var visitors = Set<String>()
            for row in try await connection.rows(
                """
                SELECT visitor FROM email_links WHERE email = \(email)
                UNION SELECT visitor FROM shopper_baskets WHERE email = \(email)
                """, logger)
            {
                visitors.insert(try row.decode(String.self))
            }
            var erased = ErasedShopper(visitors: visitors.count)
            let list = Array(visitors)
            let needle = Array(email.utf8)
            var ids: [Int64] = []
            var eventKeys: [(storefront: String, eventID: String)] = []
            for row in try await connection.rows("SELECT id, storefront, event_id, visitor, payload FROM events", logger) {
                let (id, storefront, eventID, visitor, payload) = try row.decode((Int64, String, String, String, Data?).self)
                if visitors.contains(visitor) || SQLiteSyncStore.contains(lowercased: [UInt8](payload ?? Data()), needle) {
                    ids.append(id)
                    eventKeys.append((storefront, eventID))
                }
            }
            func count(_ query: PostgresQuery) async throws -> Int {
                try await connection.rows(query, logger)[0].decode(Int.self)
            }
            erased.events = try await count("WITH d AS (DELETE FROM events WHERE id = ANY(\(ids)) RETURNING 1) SELECT count(*) FROM d")
            erased.deadLetters = try await count(
                """
                WITH d AS (
                    DELETE FROM dead_letters AS l USING unnest(\(eventKeys.map(\.storefront)), \(eventKeys.map(\.eventID))) AS e(storefront, event_id)
                    WHERE l.kind = 'event' AND l.storefront = e.storefront AND l.entity_id = e.event_id RETURNING 1)
                SELECT count(*) FROM d
                """)
            erased.baskets = try await count(
                "WITH d AS (DELETE FROM shopper_baskets WHERE visitor = ANY(\(list)) OR email = \(email) RETURNING 1) SELECT count(*) FROM d")
            erased.attributions = try await count(
                "WITH d AS (DELETE FROM cart_visitors WHERE visitor = ANY(\(list)) RETURNING 1) SELECT count(*) FROM d")
            erased.attributions += try await count(
                "WITH d AS (DELETE FROM purchase_visitors WHERE visitor = ANY(\(list)) RETURNING 1) SELECT count(*) FROM d")
            erased.emailLinks = try await count(
                "WITH d AS (DELETE FROM email_links WHERE visitor = ANY(\(list)) OR email = \(email) RETURNING 1) SELECT count(*) FROM d")
            return erased
        }
    }
}
