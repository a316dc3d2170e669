import Foundation
import GRDB

extension SQLiteSyncStore: SalesLedger {
    /// What was recorded for order `orderID` on `storefront`, or nil.
    public func loggedSale(storefront: String, orderID: Int) async throws -> LoggedSale? {
        try await writer.read { db in
            guard let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT logged_at, visitor, lines, clerk_status, status_at FROM sales
                    WHERE storefront = ? AND order_id = ?
                    """,
                arguments: [storefront, orderID])
            else { return nil }
            let text: String = row["lines"]
            let lines: [LoggedSaleLine]
            do {
                lines = try JSONDecoder().decode([LoggedSaleLine].self, from: Data(text.utf8))
            } catch {
                throw SyncStoreError.corruptRecord(table: "sales", detail: "order \(orderID): \(error)")
            }
            var returned: [Int: Int] = [:]
            for line in try Row.fetchAll(
                db, sql: "SELECT line_id, quantity FROM sale_returns WHERE storefront = ? AND order_id = ?",
                arguments: [storefront, orderID])
            {
                returned[line["line_id"]] = line["quantity"]
            }
            let statusAt: Double? = row["status_at"]
            return LoggedSale(
                storefront: storefront, orderID: orderID, loggedAt: Date(timeIntervalSince1970: row["logged_at"]),
                visitor: row["visitor"], lines: lines, clerkStatus: row["clerk_status"],
                statusAt: statusAt.map(Date.init(timeIntervalSince1970:)), returned: returned)
        }
    }

    /// Records the sale; the first record of an order wins.
    public func recordSale(
        storefront: String, orderID: Int, visitor: String?, lines: [LoggedSaleLine], at: Date
    ) async throws {
        let text = String(decoding: try JSONEncoder().encode(lines), as: UTF8.self)
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO sales (storefront, order_id, logged_at, visitor, lines) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (storefront, order_id) DO NOTHING
                    """,
                arguments: [storefront, orderID, at.timeIntervalSince1970, visitor, text])
        }
    }

    /// Records the Clerk status set for a logged sale.
    public func recordSaleStatus(storefront: String, orderID: Int, status: String, at: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE sales SET clerk_status = ?, status_at = ? WHERE storefront = ? AND order_id = ?",
                arguments: [status, at.timeIntervalSince1970, storefront, orderID])
            guard db.changesCount > 0 else {
                throw SyncStoreError.saleNotLogged(storefront: storefront, orderID: orderID)
            }
        }
    }

    /// Records the units of a line reported through `log/returned` (a total; never lowered).
    public func recordReturned(storefront: String, orderID: Int, lineID: Int, quantity: Int, at: Date) async throws {
        try await writer.write { db in
            let logged = try Bool.fetchOne(
                db, sql: "SELECT 1 FROM sales WHERE storefront = ? AND order_id = ?", arguments: [storefront, orderID])
            guard logged != nil else { throw SyncStoreError.saleNotLogged(storefront: storefront, orderID: orderID) }
            try db.execute(
                sql: """
                    INSERT INTO sale_returns (storefront, order_id, line_id, quantity, updated_at)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (storefront, order_id, line_id) DO UPDATE SET
                        quantity = max(quantity, excluded.quantity), updated_at = excluded.updated_at
                    """,
                arguments: [storefront, orderID, lineID, quantity, at.timeIntervalSince1970])
        }
    }
}
