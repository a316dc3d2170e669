import Foundation
import GRDB

/// A row of `shopper_baskets`: one visitor's basket and the latest verified email of their events.
package struct BasketRow: SQLiteRecord {
    package static let databaseTableName = "shopper_baskets"

    package var storefront: String
    package var visitor: String
    /// The lines, a JSON array of `{"product_id", "quantity"}` in the order first added.
    package var lines: String
    package var lineCount: Int
    /// The last change of the products; nil while a verified email alone made the row.
    package var updatedAt: Date?
    /// The last full replacement of the products; older changes are ignored.
    package var replacedAt: Date?
    /// The latest verified email, lowercased.
    package var email: String?
    package var emailAt: Date?
    /// The latest change of any kind, which the purge reads.
    package var touchedAt: Date

    enum CodingKeys: String, CodingKey {
        case storefront, visitor, lines, email
        case lineCount = "line_count"
        case updatedAt = "updated_at"
        case replacedAt = "replaced_at"
        case emailAt = "email_at"
        case touchedAt = "touched_at"
    }

    /// A basket as stored, column by column (another store's row).
    package init(
        storefront: String, visitor: String, lines: String, lineCount: Int, updatedAt: Date?, replacedAt: Date?,
        email: String?, emailAt: Date?, touchedAt: Date
    ) {
        self.storefront = storefront
        self.visitor = visitor
        self.lines = lines
        self.lineCount = lineCount
        self.updatedAt = updatedAt
        self.replacedAt = replacedAt
        self.email = email
        self.emailAt = emailAt
        self.touchedAt = touchedAt
    }

    /// An empty basket of `visitor`, first touched at `at`.
    package init(storefront: String, visitor: String, at: Date) {
        self.storefront = storefront
        self.visitor = visitor
        lines = "[]"
        lineCount = 0
        touchedAt = at
    }

    /// Applies `change` under the ordering rule of ``ShopperBaskets``.
    package mutating func apply(_ change: BasketChange) throws {
        let at = change.at
        touchedAt = max(touchedAt, at)
        if let verified = change.email, Self.isNotOlder(at, than: emailAt) {
            email = verified.lowercased()
            emailAt = at
        }
        if change.action != .identify, Self.isNotOlder(at, than: replacedAt) {
            let changed = change.action.applied(to: try decodedLines())
            lines = try Self.encode(changed)
            lineCount = changed.count
            updatedAt = max(updatedAt ?? at, at)
            if case .replace = change.action { replacedAt = at }
        }
    }

    /// The basket as ``ShopperBaskets`` returns it; throws ``SyncStoreError/corruptRecord(table:detail:)`` for
    /// a basket without a change time.
    package func shopperBasket() throws -> ShopperBasket {
        guard let updatedAt else {
            throw SyncStoreError.corruptRecord(
                table: Self.databaseTableName, detail: "basket of '\(visitor)' has lines but no updated_at")
        }
        return ShopperBasket(storefront: storefront, visitor: visitor, lines: try decodedLines(), updatedAt: updatedAt)
    }

    /// Compares the stored seconds, as the schema's REAL does: a `Date` read back can differ from the one
    /// written in its last bit, and a change at the very time recorded must still count.
    private static func isNotOlder(_ at: Date, than recorded: Date?) -> Bool {
        recorded.map { at.timeIntervalSince1970 >= $0.timeIntervalSince1970 } ?? true
    }

    /// A line as the `lines` JSON holds it.
    private struct StoredLine: Codable {
        var productID: Int
        var quantity: Int

        enum CodingKeys: String, CodingKey {
            case productID = "product_id"
            case quantity
        }
    }

    private func decodedLines() throws -> [BasketLine] {
        try JSONDecoder().decode([StoredLine].self, from: Data(lines.utf8)).map {
            BasketLine(productID: $0.productID, quantity: $0.quantity)
        }
    }

    private static func encode(_ lines: [BasketLine]) throws -> String {
        let data = try JSONEncoder().encode(lines.map { StoredLine(productID: $0.productID, quantity: $0.quantity) })
        return String(decoding: data, as: UTF8.self)
    }
}
