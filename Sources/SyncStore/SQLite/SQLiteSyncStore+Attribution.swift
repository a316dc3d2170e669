import Foundation
import GRDB

extension SQLiteSyncStore: ShopperAttribution {
    /// Records cart sightings (the latest visitor of a cart wins) and purchase reports (each visitor's first
    /// report per order stands) in one transaction.
    public func record(carts: [CartSighting], purchases: [PurchaseReport]) async throws {
        guard !carts.isEmpty || !purchases.isEmpty else { return }
        try await writer.write { db in
            for cart in carts {
                try db.cachedStatement(literal: """
                    INSERT INTO cart_visitors (cart_id, visitor, storefront, seen_at)
                    VALUES (\(cart.cartID), \(cart.visitor), \(cart.storefront), \(cart.at.timeIntervalSince1970))
                    ON CONFLICT (cart_id) DO UPDATE SET visitor = excluded.visitor,
                        storefront = excluded.storefront, seen_at = excluded.seen_at
                    WHERE excluded.seen_at >= cart_visitors.seen_at
                    """).execute()
            }
            for report in purchases {
                try PurchaseVisitorRow(report).insert(db, onConflict: .ignore)
            }
        }
    }

    /// A corroborated purchase report for `orderID`, else the last visitor of `cartID`.
    public func buyer(orderID: Int, cartID: String?, customerID: Int?) async throws -> AttributedVisitor? {
        try await writer.read { db in
            let cart = try cartID.flatMap { try $0.isEmpty ? nil : CartVisitorRow.fetchOne(db, key: $0) }
            let customer = customerID.flatMap { $0 > 0 ? $0 : nil }
            let reports = try SQLRequest<PurchaseVisitorRow>(literal: """
                SELECT * FROM purchase_visitors WHERE order_id = \(orderID) ORDER BY seen_at
                """).fetchAll(db)
            let corroborated = reports.first { $0.visitor == cart?.visitor || (customer != nil && $0.customerID == customer) }
            if let report = corroborated {
                return AttributedVisitor(visitor: report.visitor, storefront: report.storefront, evidence: .purchaseEvent)
            }
            return cart.map { AttributedVisitor(visitor: $0.visitor, storefront: $0.storefront, evidence: .cart) }
        }
    }

    /// Whether `email` is linked to `visitor` on `storefront` (emails compare case-insensitively).
    public func isEmailLinked(_ email: String, visitor: String, storefront: String) async throws -> Bool {
        try await writer.read { db in
            try EmailLinkRow.exists(db, key: ["storefront": storefront, "visitor": visitor, "email": email.lowercased()])
        }
    }

    /// Records that `email` is linked to `visitor` on `storefront`.
    public func recordEmailLink(_ email: String, visitor: String, storefront: String, at: Date) async throws {
        try await writer.write { db in
            try EmailLinkRow(storefront: storefront, visitor: visitor, email: email.lowercased(), linkedAt: at).upsert(db)
        }
    }

    /// Deletes carts, purchases and email links older than `before`.
    @discardableResult
    public func purgeAttributions(before: Date) async throws -> Int {
        try await writer.write { db in
            let cutoff = before.timeIntervalSince1970
            try db.execute(literal: "DELETE FROM cart_visitors WHERE seen_at < \(cutoff)")
            var removed = db.changesCount
            try db.execute(literal: "DELETE FROM purchase_visitors WHERE seen_at < \(cutoff)")
            removed += db.changesCount
            try db.execute(literal: "DELETE FROM email_links WHERE linked_at < \(cutoff)")
            return removed + db.changesCount
        }
    }
}
