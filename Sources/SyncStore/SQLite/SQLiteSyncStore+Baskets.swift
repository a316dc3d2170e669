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
            try SQLRequest<BasketRow>(literal: """
                SELECT * FROM shopper_baskets
                WHERE storefront = \(storefront) AND line_count > 0 AND (
                    email = \(email) OR visitor IN (
                        SELECT visitor FROM email_links WHERE storefront = \(storefront) AND email = \(email)))
                ORDER BY updated_at DESC, visitor LIMIT 1
                """).fetchOne(db)?.shopperBasket()
        }
    }

    /// Deletes baskets whose last change or verified email is older than `before`.
    @discardableResult
    public func purgeBaskets(before: Date) async throws -> Int {
        try await writer.write { db in
            try db.execute(literal: "DELETE FROM shopper_baskets WHERE touched_at < \(before.timeIntervalSince1970)")
            return db.changesCount
        }
    }

    /// Applies one change inside the caller's transaction (see ``ShopperBaskets`` for the ordering rule).
    private static func apply(_ change: BasketChange, _ db: Database) throws {
        if change.action == .identify, change.email == nil { return }
        let stored = try SQLRequest<BasketRow>(literal: """
            SELECT * FROM shopper_baskets WHERE storefront = \(change.storefront) AND visitor = \(change.visitor)
            """, cached: true).fetchOne(db)
        var basket = stored ?? BasketRow(storefront: change.storefront, visitor: change.visitor, at: change.at)
        try basket.apply(change)
        if stored == nil {
            try basket.insert(db)
        } else {
            try basket.update(db)
        }
    }
}
