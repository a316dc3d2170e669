import Foundation
import GRDB

extension SQLiteSyncStore: ShopperAttribution {
    /// Records cart sightings (the latest visitor of a cart wins) and purchase reports (each visitor's first
    /// report per order stands) in one transaction.
    public func record(carts: [CartSighting], purchases: [PurchaseReport]) async throws {
        guard !carts.isEmpty || !purchases.isEmpty else { return }
        try await writer.write { db in
            let cartStatement = try db.cachedStatement(sql: """
                INSERT INTO cart_visitors (cart_id, visitor, storefront, seen_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (cart_id) DO UPDATE SET visitor = excluded.visitor,
                    storefront = excluded.storefront, seen_at = excluded.seen_at
                WHERE excluded.seen_at >= cart_visitors.seen_at
                """)
            for cart in carts {
                try cartStatement.execute(arguments: [cart.cartID, cart.visitor, cart.storefront, cart.at.timeIntervalSince1970])
            }
            let purchaseStatement = try db.cachedStatement(sql: """
                INSERT INTO purchase_visitors (order_id, visitor, storefront, customer_id, seen_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (order_id, visitor) DO NOTHING
                """)
            for report in purchases {
                try purchaseStatement.execute(arguments: [
                    report.orderID, report.visitor, report.storefront, report.customerID, report.at.timeIntervalSince1970,
                ])
            }
        }
    }

    /// A corroborated purchase report for `orderID`, else the last visitor of `cartID`.
    public func buyer(orderID: Int, cartID: String?, customerID: Int?) async throws -> AttributedVisitor? {
        try await writer.read { db in
            let cart = try cartID.flatMap { cartID -> Row? in
                guard !cartID.isEmpty else { return nil }
                return try Row.fetchOne(
                    db, sql: "SELECT visitor, storefront FROM cart_visitors WHERE cart_id = ?", arguments: [cartID])
            }
            let cartVisitor: String? = cart?["visitor"]
            let customer = customerID.flatMap { $0 > 0 ? $0 : nil }
            for row in try Row.fetchAll(
                db, sql: "SELECT visitor, storefront, customer_id FROM purchase_visitors WHERE order_id = ? ORDER BY seen_at",
                arguments: [orderID])
            {
                let visitor: String = row["visitor"]
                let reportedCustomer: Int? = row["customer_id"]
                if visitor == cartVisitor || (customer != nil && reportedCustomer == customer) {
                    return AttributedVisitor(visitor: visitor, storefront: row["storefront"], evidence: .purchaseEvent)
                }
            }
            guard let cart, let visitor = cartVisitor else { return nil }
            return AttributedVisitor(visitor: visitor, storefront: cart["storefront"], evidence: .cart)
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
