import Foundation
import GRDB

extension SQLiteSyncStore: ShopperAttribution {
    /// Records the latest visitor of cart `cartID`.
    public func recordCart(_ cartID: String, visitor: String, storefront: String, at: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO cart_visitors (cart_id, visitor, storefront, seen_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (cart_id) DO UPDATE SET visitor = excluded.visitor,
                        storefront = excluded.storefront, seen_at = excluded.seen_at
                    WHERE excluded.seen_at >= cart_visitors.seen_at
                    """,
                arguments: [cartID, visitor, storefront, at.timeIntervalSince1970])
        }
    }

    /// Records the visitor a storefront purchase event named for `orderID`; the first report stands.
    public func recordPurchase(orderID: Int, visitor: String, storefront: String, at: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO purchase_visitors (order_id, visitor, storefront, seen_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (order_id) DO NOTHING
                    """,
                arguments: [orderID, visitor, storefront, at.timeIntervalSince1970])
        }
    }

    /// The purchase report for `orderID`, else the last visitor of `cartID`.
    public func buyer(orderID: Int, cartID: String?) async throws -> AttributedVisitor? {
        try await writer.read { db in
            if let row = try Row.fetchOne(
                db, sql: "SELECT visitor, storefront FROM purchase_visitors WHERE order_id = ?", arguments: [orderID])
            {
                return AttributedVisitor(visitor: row["visitor"], storefront: row["storefront"], evidence: .purchaseEvent)
            }
            guard let cartID, !cartID.isEmpty,
                let row = try Row.fetchOne(
                    db, sql: "SELECT visitor, storefront FROM cart_visitors WHERE cart_id = ?", arguments: [cartID])
            else { return nil }
            return AttributedVisitor(visitor: row["visitor"], storefront: row["storefront"], evidence: .cart)
        }
    }

    /// Whether `email` is linked to `visitor` on `storefront` (emails compare case-insensitively).
    public func isEmailLinked(_ email: String, visitor: String, storefront: String) async throws -> Bool {
        try await writer.read { db in
            try Bool.fetchOne(
                db,
                sql: "SELECT EXISTS (SELECT 1 FROM email_links WHERE storefront = ? AND visitor = ? AND email = ?)",
                arguments: [storefront, visitor, email.lowercased()]) ?? false
        }
    }

    /// Records that `email` is linked to `visitor` on `storefront`.
    public func recordEmailLink(_ email: String, visitor: String, storefront: String, at: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO email_links (storefront, visitor, email, linked_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (storefront, visitor, email) DO UPDATE SET linked_at = excluded.linked_at
                    """,
                arguments: [storefront, visitor, email.lowercased(), at.timeIntervalSince1970])
        }
    }

    /// Deletes carts, purchases and email links older than `before`.
    @discardableResult
    public func purgeAttributions(before: Date) async throws -> Int {
        try await writer.write { db in
            let cutoff = before.timeIntervalSince1970
            try db.execute(sql: "DELETE FROM cart_visitors WHERE seen_at < ?", arguments: [cutoff])
            var removed = db.changesCount
            try db.execute(sql: "DELETE FROM purchase_visitors WHERE seen_at < ?", arguments: [cutoff])
            removed += db.changesCount
            try db.execute(sql: "DELETE FROM email_links WHERE linked_at < ?", arguments: [cutoff])
            return removed + db.changesCount
        }
    }
}
