import Foundation
import PostgresNIO
import SyncStore

/// The sales ledger on PostgreSQL: the first record of an order wins, whichever instance logged it.
extension PostgresSyncStore {
    /// What was recorded for order `orderID` on `storefront`, or nil.
    public func loggedSale(storefront: String, orderID: Int) async throws -> LoggedSale? {
        guard let row = try await read(
            """
            SELECT storefront, order_id, logged_at, visitor, lines, clerk_status, status_at FROM sales
            WHERE storefront = \(storefront) AND order_id = \(orderID)
            """
        ).first else { return nil }
        let (storefrontName, order, loggedAt, visitor, lines, clerkStatus, statusAt) =
            try row.decode((String, Int, Double, String?, String, String?, Double?).self)
        var returned: [Int: Int] = [:]
        for line in try await read(
            "SELECT line_id, quantity FROM sale_returns WHERE storefront = \(storefront) AND order_id = \(orderID)")
        {
            let (lineID, quantity) = try line.decode((Int, Int).self)
            returned[lineID] = quantity
        }
        return try SaleRow(
            storefront: storefrontName, orderID: order, loggedAt: Date(seconds: loggedAt), visitor: visitor, lines: lines,
            clerkStatus: clerkStatus, statusAt: statusAt.map(Date.init(seconds:))
        ).loggedSale(returned: returned)
    }

    /// Records the sale; the first record of an order wins.
    public func recordSale(storefront: String, orderID: Int, visitor: String?, lines: [LoggedSaleLine], at: Date) async throws {
        let sale = try SaleRow(storefront: storefront, orderID: orderID, visitor: visitor, lines: lines, loggedAt: at)
        _ = try await read(
            """
            INSERT INTO sales (storefront, order_id, logged_at, visitor, lines)
            VALUES (\(sale.storefront), \(sale.orderID), \(sale.loggedAt.seconds), \(sale.visitor), \(sale.lines))
            ON CONFLICT (storefront, order_id) DO NOTHING
            """)
    }

    /// Records the Clerk status set for a logged sale.
    public func recordSaleStatus(storefront: String, orderID: Int, status: String, at: Date) async throws {
        let changed = try await read(
            """
            UPDATE sales SET clerk_status = \(status), status_at = \(at.seconds)
            WHERE storefront = \(storefront) AND order_id = \(orderID)
            RETURNING order_id
            """)
        guard !changed.isEmpty else { throw SyncStoreError.saleNotLogged(storefront: storefront, orderID: orderID) }
    }

    /// Records the units of a line reported through `log/returned` (a total; never lowered).
    public func recordReturned(storefront: String, orderID: Int, lineID: Int, quantity: Int, at: Date) async throws {
        do {
            _ = try await read(
                """
                INSERT INTO sale_returns (storefront, order_id, line_id, quantity, updated_at)
                VALUES (\(storefront), \(orderID), \(lineID), \(quantity), \(at.seconds))
                ON CONFLICT (storefront, order_id, line_id) DO UPDATE SET
                    quantity = greatest(sale_returns.quantity, EXCLUDED.quantity), updated_at = EXCLUDED.updated_at
                """)
        } catch let error as PostgresStoreError {
            // The sale's row is the foreign key's parent: a line of an order never logged refers to nothing.
            guard case .server("23503", _) = error else { throw error }
            throw SyncStoreError.saleNotLogged(storefront: storefront, orderID: orderID)
        }
    }
}
