import Foundation
import GRDB

/// A row of `sale_returns`: the units of one order line already reported through `log/returned`.
struct SaleReturnRow: SQLiteRecord {
    static let databaseTableName = "sale_returns"

    /// The storefront.
    var storefront: String
    /// The BigCommerce order id.
    var orderID: Int
    /// The BigCommerce order line id.
    var lineID: Int
    /// Units reported in total.
    var quantity: Int
    /// When the total last changed.
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case storefront, quantity
        case orderID = "order_id"
        case lineID = "line_id"
        case updatedAt = "updated_at"
    }
}
