import Foundation
import GRDB

extension SQLiteSyncStore: SalesLedger {
    /// What was recorded for order `orderID` on `storefront`, or nil.
    public func loggedSale(storefront: String, orderID: Int) async throws -> LoggedSale? {
        try await writer.read { db in
            guard let sale = try SaleRow.fetchOne(db, key: ["storefront": storefront, "order_id": orderID]) else {
                return nil
            }
            let returns = try SQLRequest<SaleReturnRow>(literal: """
                SELECT * FROM sale_returns WHERE storefront = \(storefront) AND order_id = \(orderID)
                """).fetchAll(db)
            return try sale.loggedSale(returned: Dictionary(uniqueKeysWithValues: returns.map { ($0.lineID, $0.quantity) }))
        }
    }

    /// Records the sale; the first record of an order wins.
    public func recordSale(
        storefront: String, orderID: Int, visitor: String?, lines: [LoggedSaleLine], at: Date
    ) async throws {
        let sale = try SaleRow(storefront: storefront, orderID: orderID, visitor: visitor, lines: lines, loggedAt: at)
        try await writer.write { db in
            try sale.insert(db, onConflict: .ignore)
        }
    }

    /// Records the Clerk status set for a logged sale.
    public func recordSaleStatus(storefront: String, orderID: Int, status: String, at: Date) async throws {
        try await writer.write { db in
            try db.execute(literal: """
                UPDATE sales SET clerk_status = \(status), status_at = \(at.timeIntervalSince1970)
                WHERE storefront = \(storefront) AND order_id = \(orderID)
                """)
            guard db.changesCount > 0 else {
                throw SyncStoreError.saleNotLogged(storefront: storefront, orderID: orderID)
            }
        }
    }

    /// Records the units of a line reported through `log/returned` (a total; never lowered).
    public func recordReturned(storefront: String, orderID: Int, lineID: Int, quantity: Int, at: Date) async throws {
        try await writer.write { db in
            guard try SaleRow.exists(db, key: ["storefront": storefront, "order_id": orderID]) else {
                throw SyncStoreError.saleNotLogged(storefront: storefront, orderID: orderID)
            }
            try db.execute(literal: """
                INSERT INTO sale_returns (storefront, order_id, line_id, quantity, updated_at)
                VALUES (\(storefront), \(orderID), \(lineID), \(quantity), \(at.timeIntervalSince1970))
                ON CONFLICT (storefront, order_id, line_id) DO UPDATE SET
                    quantity = max(quantity, excluded.quantity), updated_at = excluded.updated_at
                """)
        }
    }
}
