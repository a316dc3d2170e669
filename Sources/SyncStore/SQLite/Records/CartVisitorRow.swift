import Foundation
import GRDB

/// A row of `cart_visitors`: the latest visitor the storefront reported for a BigCommerce cart.
struct CartVisitorRow: SQLiteRecord {
    static let databaseTableName = "cart_visitors"

    var cartID: String
    var visitor: String
    var storefront: String
    var seenAt: Date

    enum CodingKeys: String, CodingKey {
        case visitor, storefront
        case cartID = "cart_id"
        case seenAt = "seen_at"
    }
}
