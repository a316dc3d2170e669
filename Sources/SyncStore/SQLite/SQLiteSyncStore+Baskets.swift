import Foundation
import GRDB

extension SQLiteSyncStore: ShopperBaskets {
    /// Appends the events and applies the changes of those stored now, in one `BEGIN IMMEDIATE` transaction.
    public func append(_ events: [ShopperEvent], basketChanges: [BasketChange], now: Date) async throws -> [AppendOutcome] {
        guard !events.isEmpty else { return [] }
        return try await immediateWrite { db in
            let outcomes = try Self.append(events, now: now, db)
            var stored: Set<[String]> = []
            for (event, outcome) in zip(events, outcomes) {
                if case .stored = outcome { stored.insert([event.storefront, event.eventID]) }
            }
            let due = basketChanges.enumerated()
                .filter { stored.remove([$0.element.storefront, $0.element.eventID]) != nil }
                .sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
            for (_, change) in due {
                try Self.apply(change, db)
            }
            return outcomes
        }
    }

    /// The latest changed non-empty basket among the visitors of `email` (its own or linked) on `storefront`.
    public func basket(email: String, storefront: String) async throws -> ShopperBasket? {
        let email = email.lowercased()
        return try await writer.read { db in
            guard let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT visitor, lines, updated_at FROM shopper_baskets
                    WHERE storefront = ? AND line_count > 0 AND (
                        email = ? OR visitor IN (SELECT visitor FROM email_links WHERE storefront = ? AND email = ?))
                    ORDER BY updated_at DESC, visitor LIMIT 1
                    """,
                arguments: [storefront, email, storefront, email])
            else { return nil }
            return ShopperBasket(
                storefront: storefront, visitor: row["visitor"], lines: try Self.decodeLines(row["lines"]),
                updatedAt: Date(timeIntervalSince1970: row["updated_at"]))
        }
    }

    /// Deletes baskets whose last change or verified email is older than `before`.
    @discardableResult
    public func purgeBaskets(before: Date) async throws -> Int {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM shopper_baskets WHERE touched_at < ?", arguments: [before.timeIntervalSince1970])
            return db.changesCount
        }
    }

    /// Applies one change inside the caller's transaction (see ``ShopperBaskets`` for the ordering rule).
    private static func apply(_ change: BasketChange, _ db: Database) throws {
        if change.action == .identify, change.email == nil { return }
        let at = change.at.timeIntervalSince1970
        let row = try Row.fetchOne(
            db.cachedStatement(sql: """
                SELECT lines, updated_at, replaced_at, email, email_at, touched_at FROM shopper_baskets
                WHERE storefront = ? AND visitor = ?
                """),
            arguments: [change.storefront, change.visitor])
        var lines = try row.map { try decodeLines($0["lines"]) } ?? []
        var updatedAt: Double? = row?["updated_at"]
        var replacedAt: Double? = row?["replaced_at"]
        var email: String? = row?["email"]
        var emailAt: Double? = row?["email_at"]
        let touchedAt = max(row?["touched_at"] ?? at, at)
        if let verified = change.email, emailAt.map({ at >= $0 }) ?? true {
            email = verified.lowercased()
            emailAt = at
        }
        if change.action != .identify, replacedAt.map({ at >= $0 }) ?? true {
            lines = change.action.applied(to: lines)
            updatedAt = max(updatedAt ?? at, at)
            if case .replace = change.action { replacedAt = at }
        }
        try db.cachedStatement(sql: """
            INSERT INTO shopper_baskets
                (storefront, visitor, lines, line_count, updated_at, replaced_at, email, email_at, touched_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (storefront, visitor) DO UPDATE SET
                lines = excluded.lines, line_count = excluded.line_count, updated_at = excluded.updated_at,
                replaced_at = excluded.replaced_at, email = excluded.email, email_at = excluded.email_at,
                touched_at = excluded.touched_at
            """
        ).execute(arguments: [
            change.storefront, change.visitor, try encodeLines(lines), lines.count, updatedAt, replacedAt, email, emailAt,
            touchedAt,
        ])
    }

    /// A line as the `lines` JSON column holds it.
    private struct StoredLine: Codable {
        var productID: Int
        var quantity: Int

        enum CodingKeys: String, CodingKey {
            case productID = "product_id"
            case quantity
        }
    }

    private static func encodeLines(_ lines: [BasketLine]) throws -> String {
        let data = try JSONEncoder().encode(lines.map { StoredLine(productID: $0.productID, quantity: $0.quantity) })
        return String(decoding: data, as: UTF8.self)
    }

    private static func decodeLines(_ text: String) throws -> [BasketLine] {
        try JSONDecoder().decode([StoredLine].self, from: Data(text.utf8)).map {
            BasketLine(productID: $0.productID, quantity: $0.quantity)
        }
    }
}
