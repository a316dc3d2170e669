import Foundation
import GRDB

/// A row of `email_links`: a verified email already linked to a visitor in Clerk.
struct EmailLinkRow: SQLiteRecord {
    static let databaseTableName = "email_links"

    var storefront: String
    var visitor: String
    /// The email, lowercased.
    var email: String
    var linkedAt: Date

    enum CodingKeys: String, CodingKey {
        case storefront, visitor, email
        case linkedAt = "linked_at"
    }
}
