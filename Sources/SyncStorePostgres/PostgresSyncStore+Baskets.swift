import Foundation
import PostgresNIO
import SyncStore

/// Shopper baskets on PostgreSQL, changed in the event log's transaction. Each visitor's basket is read, changed
/// and written under the visitor's advisory lock (taken in one order), so two instances appending for one visitor
/// at once apply both changes.
extension PostgresSyncStore {
    /// The columns of a basket, in the order ``BasketRow/init(postgresRow:)`` reads them.
    static let basketColumns = "storefront, visitor, lines, line_count, updated_at, replaced_at, email, email_at, touched_at"

    /// Appends the events and applies the changes of those stored now, in one transaction (bounded by
    /// ``requestTimeout``, so the storefront is answered 503 rather than kept waiting).
    public func append(_ events: [ShopperEvent], basketChanges: [BasketChange], now: Date) async throws -> [AppendOutcome] {
        guard !events.isEmpty else { return [] }
        let logger = logger
        let outcomes = try await bounded("the shopper events") {
            try await self.write { connection in
                let outcomes = try await Self.append(events, now: now, on: connection, logger)
                var stored: Set<EventKey> = []
                for (event, outcome) in zip(events, outcomes) {
                    if case .stored = outcome { stored.insert(EventKey(storefront: event.storefront, eventID: event.eventID)) }
                }
                let due = basketChanges.enumerated()
                    .filter { stored.remove(EventKey(storefront: $0.element.storefront, eventID: $0.element.eventID)) != nil }
                    .sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
                    .map(\.element)
                    .filter { $0.action != .identify || $0.email != nil }
                if !due.isEmpty {
                    try await Self.apply(due, on: connection, logger)
                }
                return outcomes
            }
        }
        if outcomes.contains(where: { if case .stored = $0 { true } else { false } }) { announcer.announce(.events) }
        return outcomes
    }

    /// The latest changed non-empty basket among the visitors of `email` (its own or linked) on `storefront`.
    public func basket(email: String, storefront: String) async throws -> ShopperBasket? {
        let email = email.lowercased()
        return try await read(
            """
            SELECT \(unescaped: Self.basketColumns) FROM shopper_baskets
            WHERE storefront = \(storefront) AND line_count > 0 AND (
                email = \(email) OR visitor IN (
                    SELECT visitor FROM email_links WHERE storefront = \(storefront) AND email = \(email)))
            ORDER BY updated_at DESC, visitor COLLATE "C" LIMIT 1
            """
        ).first.map { try BasketRow(postgresRow: $0).shopperBasket() }
    }

    /// Deletes baskets whose last change or verified email is older than `before`.
    @discardableResult
    public func purgeBaskets(before: Date) async throws -> Int {
        try await read(
            """
            WITH purged AS (DELETE FROM shopper_baskets WHERE touched_at < \(before.seconds) RETURNING 1)
            SELECT count(*) FROM purged
            """)[0].decode(Int.self)
    }

    /// Applies `changes` (in order) to their visitors' baskets inside the caller's transaction.
    private static func apply(_ changes: [BasketChange], on connection: PostgresConnection, _ logger: Logger) async throws {
        try await connection.lockKeys(changes.map { "basket\u{1F}\($0.storefront)\u{1F}\($0.visitor)" }, logger)
        let visitors = Array(Set(changes.map { VisitorKey(storefront: $0.storefront, visitor: $0.visitor) }))
        var baskets: [VisitorKey: BasketRow] = [:]
        for row in try await connection.rows(
            """
            SELECT \(unescaped: basketColumns) FROM shopper_baskets AS b
            JOIN unnest(\(visitors.map(\.storefront))::text[], \(visitors.map(\.visitor))::text[]) AS k(storefront, visitor)
              USING (storefront, visitor)
            """, logger)
        {
            let basket = try BasketRow(postgresRow: row)
            baskets[VisitorKey(storefront: basket.storefront, visitor: basket.visitor)] = basket
        }
        for change in changes {
            let key = VisitorKey(storefront: change.storefront, visitor: change.visitor)
            var basket = baskets[key] ?? BasketRow(storefront: change.storefront, visitor: change.visitor, at: change.at)
            try basket.apply(change)
            baskets[key] = basket
        }
        let changed = visitors.compactMap { baskets[$0] }
        // Absent optional values travel as NaN or "" (an array cannot bind NULLs) and are stored as NULL.
        try await connection.rows(
            """
            INSERT INTO shopper_baskets (storefront, visitor, lines, line_count, updated_at, replaced_at, email, email_at, touched_at)
            SELECT storefront, visitor, lines, line_count, nullif(updated_at, 'NaN'), nullif(replaced_at, 'NaN'),
                   nullif(email, ''), nullif(email_at, 'NaN'), touched_at
            FROM unnest(\(changed.map(\.storefront))::text[], \(changed.map(\.visitor))::text[], \(changed.map(\.lines))::text[],
                        \(changed.map(\.lineCount))::int8[], \(changed.map { $0.updatedAt?.seconds ?? .nan })::float8[],
                        \(changed.map { $0.replacedAt?.seconds ?? .nan })::float8[], \(changed.map { $0.email ?? "" })::text[],
                        \(changed.map { $0.emailAt?.seconds ?? .nan })::float8[], \(changed.map(\.touchedAt.seconds))::float8[])
                AS b(storefront, visitor, lines, line_count, updated_at, replaced_at, email, email_at, touched_at)
            ON CONFLICT (storefront, visitor) DO UPDATE SET
                lines = EXCLUDED.lines, line_count = EXCLUDED.line_count, updated_at = EXCLUDED.updated_at,
                replaced_at = EXCLUDED.replaced_at, email = EXCLUDED.email, email_at = EXCLUDED.email_at,
                touched_at = EXCLUDED.touched_at
            """, logger)
    }
}

/// A visitor of one storefront.
struct VisitorKey: Hashable {
    var storefront: String
    var visitor: String
}

extension BasketRow {
    /// A basket from the columns ``PostgresSyncStore/basketColumns`` lists.
    init(postgresRow row: PostgresRow) throws {
        let (storefront, visitor, lines, lineCount, updatedAt, replacedAt, email, emailAt, touchedAt) =
            try row.decode((String, String, String, Int, Double?, Double?, String?, Double?, Double).self)
        self.init(
            storefront: storefront, visitor: visitor, lines: lines, lineCount: lineCount,
            updatedAt: updatedAt.map(Date.init(seconds:)), replacedAt: replacedAt.map(Date.init(seconds:)), email: email,
            emailAt: emailAt.map(Date.init(seconds:)), touchedAt: Date(seconds: touchedAt))
    }
}
