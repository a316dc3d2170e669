import Foundation
import GRDB

/// A row of `purchase_visitors`: a visitor's report that they bought an order.
struct PurchaseVisitorRow: SQLiteRecord {
    static let databaseTableName = "purchase_visitors"

    var orderID: Int
    var visitor: String
    var storefront: String
    var customerID: Int?
    var seenAt: Date

    enum CodingKeys: String, CodingKey {
        case visitor, storefront
        case orderID = "order_id"
        case customerID = "customer_id"
        case seenAt = "seen_at"
    }

    /// The row of `report`.
    init(_ report: PurchaseReport) {
        orderID = report.orderID
        visitor = report.visitor
        storefront = report.storefront
        customerID = report.customerID
        seenAt = report.at
    }
}
