import Foundation
import PostgresNIO
import SyncStore

/// Who a shopper is, on PostgreSQL: carts (the latest sighting wins), purchase reports (each visitor's first per
/// order stands) and linked emails.
extension PostgresSyncStore {
    /// Records cart sightings and purchase reports in one transaction (bounded by ``requestTimeout``: the event
    /// intake records them before it answers).
    public func record(carts: [CartSighting], purchases: [PurchaseReport]) async throws {
        guard !carts.isEmpty || !purchases.isEmpty else { return }
        let logger = logger
        try await bounded("the shoppers' carts") {
            try await self.write { connection in
                if !carts.isEmpty {
                    // The latest sighting of each cart in the batch; the upsert keeps the latest across batches.
                    var latest: [String: CartSighting] = [:]
                    for cart in carts where latest[cart.cartID].map({ cart.at >= $0.at }) ?? true {
                        latest[cart.cartID] = cart
                    }
                    let sightings = latest.values.sorted { $0.cartID < $1.cartID }
                    try await connection.rows(
                        """
                        INSERT INTO cart_visitors (cart_id, visitor, storefront, seen_at)
                        SELECT * FROM unnest(\(sightings.map(\.cartID))::text[], \(sightings.map(\.visitor))::text[],
                                             \(sightings.map(\.storefront))::text[], \(sightings.map(\.at.seconds))::float8[])
                        ON CONFLICT (cart_id) DO UPDATE SET visitor = EXCLUDED.visitor, storefront = EXCLUDED.storefront,
                            seen_at = EXCLUDED.seen_at
                        WHERE EXCLUDED.seen_at >= cart_visitors.seen_at
                        """, logger)
                }
                for report in purchases {
                    try await connection.rows(
                        """
                        INSERT INTO purchase_visitors (order_id, visitor, storefront, customer_id, seen_at)
                        VALUES (\(report.orderID), \(report.visitor), \(report.storefront), \(report.customerID), \(report.at.seconds))
                        ON CONFLICT (order_id, visitor) DO NOTHING
                        """, logger)
                }
            }
        }
    }

    /// A corroborated purchase report for `orderID`, else the last visitor of `cartID`.
    public func buyer(orderID: Int, cartID: String?, customerID: Int?) async throws -> AttributedVisitor? {
        var cart: (visitor: String, storefront: String)?
        if let cartID, !cartID.isEmpty {
            cart = try await read("SELECT visitor, storefront FROM cart_visitors WHERE cart_id = \(cartID)")
                .first.map { try $0.decode((String, String).self) }
        }
        let customer = customerID.flatMap { $0 > 0 ? $0 : nil }
        let reports = try await read(
            "SELECT visitor, storefront, customer_id FROM purchase_visitors WHERE order_id = \(orderID) ORDER BY seen_at, visitor"
        ).map { try $0.decode((String, String, Int?).self) }
        if let report = reports.first(where: { $0.0 == cart?.visitor || (customer != nil && $0.2 == customer) }) {
            return AttributedVisitor(visitor: report.0, storefront: report.1, evidence: .purchaseEvent)
        }
        return cart.map { AttributedVisitor(visitor: $0.visitor, storefront: $0.storefront, evidence: .cart) }
    }

    /// Whether `email` is linked to `visitor` on `storefront` (emails compare case-insensitively).
    public func isEmailLinked(_ email: String, visitor: String, storefront: String) async throws -> Bool {
        try await !read(
            """
            SELECT 1 FROM email_links
            WHERE storefront = \(storefront) AND visitor = \(visitor) AND email = \(email.lowercased())
            """
        ).isEmpty
    }

    /// Records that `email` is linked to `visitor` on `storefront`.
    public func recordEmailLink(_ email: String, visitor: String, storefront: String, at: Date) async throws {
        _ = try await read(
            """
            INSERT INTO email_links (storefront, visitor, email, linked_at)
            VALUES (\(storefront), \(visitor), \(email.lowercased()), \(at.seconds))
            ON CONFLICT (storefront, visitor, email) DO UPDATE SET linked_at = EXCLUDED.linked_at
            """)
    }

    /// Deletes carts, purchases and email links older than `before`.
    @discardableResult
    public func purgeAttributions(before: Date) async throws -> Int {
        let cutoff = before.seconds
        return try await read(
            """
            WITH carts AS (DELETE FROM cart_visitors WHERE seen_at < \(cutoff) RETURNING 1),
                 purchases AS (DELETE FROM purchase_visitors WHERE seen_at < \(cutoff) RETURNING 1),
                 links AS (DELETE FROM email_links WHERE linked_at < \(cutoff) RETURNING 1)
            SELECT (SELECT count(*) FROM carts) + (SELECT count(*) FROM purchases) + (SELECT count(*) FROM links)
            """)[0].decode(Int.self)
    }
}
