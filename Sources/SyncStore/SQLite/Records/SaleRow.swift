import Foundation
import GRDB

/// A row of `sales`: an order whose sale Clerk accepted on one storefront, and the status set afterwards.
package struct SaleRow: SQLiteRecord {
    package static let databaseTableName = "sales"

    package var storefront: String
    package var orderID: Int
    package var loggedAt: Date
    package var visitor: String?
    /// The lines sent, a JSON array of ``LoggedSaleLine``.
    package var lines: String
    package var clerkStatus: String?
    package var statusAt: Date?

    enum CodingKeys: String, CodingKey {
        case storefront, visitor, lines
        case orderID = "order_id"
        case loggedAt = "logged_at"
        case clerkStatus = "clerk_status"
        case statusAt = "status_at"
    }

    /// A sale as stored, column by column (another store's row).
    package init(
        storefront: String, orderID: Int, loggedAt: Date, visitor: String?, lines: String, clerkStatus: String?,
        statusAt: Date?
    ) {
        self.storefront = storefront
        self.orderID = orderID
        self.loggedAt = loggedAt
        self.visitor = visitor
        self.lines = lines
        self.clerkStatus = clerkStatus
        self.statusAt = statusAt
    }

    /// A sale logged at `loggedAt`, with no status yet.
    package init(storefront: String, orderID: Int, visitor: String?, lines: [LoggedSaleLine], loggedAt: Date) throws {
        self.storefront = storefront
        self.orderID = orderID
        self.loggedAt = loggedAt
        self.visitor = visitor
        self.lines = String(decoding: try JSONEncoder().encode(lines), as: UTF8.self)
    }

    /// The sale as ``SalesLedger`` returns it; throws ``SyncStoreError/corruptRecord(table:detail:)`` for
    /// unreadable lines.
    package func loggedSale(returned: [Int: Int]) throws -> LoggedSale {
        let decoded: [LoggedSaleLine]
        do {
            decoded = try JSONDecoder().decode([LoggedSaleLine].self, from: Data(lines.utf8))
        } catch {
            throw SyncStoreError.corruptRecord(table: Self.databaseTableName, detail: "order \(orderID): \(error)")
        }
        return LoggedSale(
            storefront: storefront, orderID: orderID, loggedAt: loggedAt, visitor: visitor, lines: decoded,
            clerkStatus: clerkStatus, statusAt: statusAt, returned: returned)
    }
}
