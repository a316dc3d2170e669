import Foundation
import GRDB

/// A row of `sale_returns`: the units of one order line already reported through `log/returned`.
struct SaleReturnRow: SQLiteRecord {
    static let databaseTableName = "sale_returns"

    var storefront: String
    var orderID: Int
    var lineID: Int
    var quantity: Int
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case storefront, quantity
        case orderID = "order_id"
        case lineID = "line_id"
        case updatedAt = "updated_at"
    }
}
