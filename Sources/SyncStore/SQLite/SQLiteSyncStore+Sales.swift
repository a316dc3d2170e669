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

    /// The records of `orderIDs` on `storefront`, read in chunks of ``readChunkSize`` in one read transaction.
    public func loggedSales(storefront: String, orderIDs: [Int]) async throws -> [Int: LoggedSale] {
        guard !orderIDs.isEmpty else { return [:] }
        return try await writer.read { db in
            var found: [Int: LoggedSale] = [:]
            for chunk in orderIDs.chunked(into: Self.readChunkSize) {
                let rows = try SQLRequest<SaleRow>(literal: """
                    SELECT * FROM sales WHERE storefront = \(storefront) AND order_id IN \(chunk)
                    """).fetchAll(db)
                guard !rows.isEmpty else { continue }
                let returns = try SQLRequest<SaleReturnRow>(literal: """
                    SELECT * FROM sale_returns WHERE storefront = \(storefront) AND order_id IN \(rows.map(\.orderID))
                    """).fetchAll(db)
                let byOrder = Dictionary(grouping: returns, by: \.orderID)
                for row in rows {
                    let returned = Dictionary(uniqueKeysWithValues: (byOrder[row.orderID] ?? []).map { ($0.lineID, $0.quantity) })
                    found[row.orderID] = try row.loggedSale(returned: returned)
                }
            }
            return found
        }
    }

    /// Records the imported sales in one transaction (see ``SalesLedger/recordImportedSales(storefront:sales:at:)``).
    public func recordImportedSales(storefront: String, sales: [ImportedSale], at: Date) async throws {
        guard !sales.isEmpty else { return }
        let rows = try sales.map {
            try SaleRow(storefront: storefront, orderID: $0.orderID, visitor: nil, lines: $0.lines, loggedAt: at)
        }
        let time = at.timeIntervalSince1970
        try await writer.write { db in
            for (row, sale) in zip(rows, sales) {
                try row.insert(db, onConflict: .ignore)
                if let status = sale.clerkStatus {
                    try db.execute(literal: """
                        UPDATE sales SET clerk_status = \(status), status_at = \(time)
                        WHERE storefront = \(storefront) AND order_id = \(sale.orderID)
                        """)
                }
                for (line, quantity) in sale.refunded where quantity > 0 {
                    try db.execute(literal: """
                        INSERT INTO sale_returns (storefront, order_id, line_id, quantity, updated_at)
                        VALUES (\(storefront), \(sale.orderID), \(line), \(quantity), \(time))
                        ON CONFLICT (storefront, order_id, line_id) DO UPDATE SET
                            quantity = max(quantity, excluded.quantity), updated_at = excluded.updated_at
                        """)
                }
            }
        }
    }
}
