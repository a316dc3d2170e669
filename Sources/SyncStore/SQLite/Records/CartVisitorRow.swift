import Foundation
import GRDB

/// A row of `cart_visitors`: the latest visitor the storefront reported for a BigCommerce cart.
struct CartVisitorRow: SQLiteRecord {
    static let databaseTableName = "cart_visitors"

    /// The BigCommerce cart id (the primary key).
    var cartID: String
    /// The visitor.
    var visitor: String
    /// The storefront.
    var storefront: String
    /// When the cart was last seen with this visitor.
    var seenAt: Date

    enum CodingKeys: String, CodingKey {
        case visitor, storefront
        case cartID = "cart_id"
        case seenAt = "seen_at"
    }
}
