import Foundation
import GRDB
import Reliability

extension SQLiteSyncStore: EventLog {
    /// Appends in one `BEGIN IMMEDIATE` transaction; `INSERT … ON CONFLICT DO NOTHING` recognises duplicates.
    public func append(_ events: [ShopperEvent], now: Date) async throws -> [AppendOutcome] {
        guard !events.isEmpty else { return [] }
        return try await immediateWrite { db in try Self.append(events, now: now, db) }
    }

    /// Appends `events` inside the caller's transaction.
    static func append(_ events: [ShopperEvent], now: Date, _ db: Database) throws -> [AppendOutcome] {
        let time = now.timeIntervalSince1970
        let insert = try db.cachedStatement(sql: """
            INSERT INTO events (storefront, event_id, type, visitor, occurred_at, payload, state, attempts,
                                next_attempt_at, received_at)
            VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)
            ON CONFLICT (storefront, event_id) DO NOTHING
            """)
        let existing = try db.cachedStatement(sql: "SELECT id FROM events WHERE storefront = ? AND event_id = ?")
        return try events.map { event in
            try insert.execute(arguments: [
                event.storefront, event.eventID, event.type, event.visitor, event.occurredAt.timeIntervalSince1970,
                Data(event.payload), time, time,
            ])
            if db.changesCount == 1 { return .stored(db.lastInsertedRowID) }
            let id = try Int64.fetchOne(existing, arguments: [event.storefront, event.eventID]) ?? 0
            return .duplicate(id)
        }
    }

    /// Claims due pending events and expired leases, oldest first, in one `BEGIN IMMEDIATE` transaction; an event
    /// waits while an earlier event of its visitor is pending or forwarding and cannot be claimed with it.
    public func claimEvents(owner: String, now: Date, lease: Duration, limit: Int) async throws -> [LoggedEvent] {
        guard limit > 0 else { return [] }
        let time = now.timeIntervalSince1970
        let expiry = time + lease.timeInterval
        // An earlier open event of the same visitor that is not claimable now holds this one back. Claimable
        // earlier ones have lower ids, so they come first in the batch (see `EventLog` on visitor order).
        let inOrder: SQL = """
            NOT EXISTS (
                SELECT 1 FROM events AS earlier
                WHERE earlier.storefront = e.storefront AND earlier.visitor = e.visitor AND earlier.id < e.id
                  AND ((earlier.state = 'pending' AND earlier.next_attempt_at > \(time))
                    OR (earlier.state = 'forwarding' AND earlier.lease_expires_at > \(time))))
            """
        return try await immediateWrite { db in
            let ids = try SQLRequest<Int64>("""
                SELECT id FROM (
                    SELECT id FROM events AS e WHERE state = 'pending' AND next_attempt_at <= \(time) AND \(inOrder)
                    ORDER BY id LIMIT \(limit))
                UNION
                SELECT id FROM (
                    SELECT id FROM events AS e WHERE state = 'forwarding' AND lease_expires_at <= \(time) AND \(inOrder)
                    ORDER BY id LIMIT \(limit))
                ORDER BY id LIMIT \(limit)
                """).fetchAll(db)
            guard !ids.isEmpty else { return [] }
            try db.execute(literal: """
                UPDATE events SET state = 'forwarding', lease_owner = \(owner), lease_expires_at = \(expiry), wait_reason = NULL
                WHERE id IN \(ids)
                """)
            return try Self.loggedEvents(db, ids: ids)
        }
    }

    /// Marks the events `owner` still holds forwarded.
    public func markForwarded(ids: [Int64], owner: String, now: Date) async throws {
        guard !ids.isEmpty else { return }
        try await immediateWrite { db in
            try db.execute(literal: """
                UPDATE events SET state = 'forwarded', lease_owner = NULL, lease_expires_at = NULL
                WHERE state = 'forwarding' AND lease_owner = \(owner) AND id IN \(ids)
                """)
        }
    }

    /// Records a failed attempt; throws ``SyncStoreError/eventLeaseLost(eventID:owner:)`` when `owner` no longer holds it.
    public func markFailed(id: Int64, owner: String, error: String, retryAt: Date?, now: Date) async throws -> LoggedEvent.State {
        try await immediateWrite { db in
            let held = try SQLRequest<Bool>("""
                SELECT 1 FROM events WHERE id = \(id) AND state = 'forwarding' AND lease_owner = \(owner)
                """).fetchOne(db) ?? false
            guard held else { throw SyncStoreError.eventLeaseLost(eventID: id, owner: owner) }
            let state: LoggedEvent.State = retryAt == nil ? .dead : .pending
            try db.execute(literal: """
                UPDATE events SET state = \(state.rawValue), attempts = attempts + 1,
                    next_attempt_at = \((retryAt ?? now).timeIntervalSince1970), last_error = \(error),
                    lease_owner = NULL, lease_expires_at = NULL, wait_reason = NULL
                WHERE id = \(id)
                """)
            return state
        }
    }

    /// Puts the events `owner` holds back to pending at `until`.
    public func deferEvents(ids: [Int64], owner: String, until: Date, reason: WaitReason, now: Date) async throws {
        guard !ids.isEmpty else { return }
        try await immediateWrite { db in
            try db.execute(literal: """
                UPDATE events SET state = 'pending', next_attempt_at = \(until.timeIntervalSince1970),
                    wait_reason = \(reason.rawValue), lease_owner = NULL, lease_expires_at = NULL
                WHERE state = 'forwarding' AND lease_owner = \(owner) AND id IN \(ids)
                """)
        }
    }

    /// Moves `owner`'s leases on events `ids` to `until`.
    public func renewEventLeases(ids: [Int64], owner: String, until: Date) async throws {
        guard !ids.isEmpty else { return }
        try await immediateWrite { db in
            try db.execute(literal: """
                UPDATE events SET lease_expires_at = \(until.timeIntervalSince1970)
                WHERE state = 'forwarding' AND lease_owner = \(owner) AND id IN \(ids)
                """)
        }
    }

    /// Makes the events waiting for an outage due at `now`.
    public func resumeEventsAfterOutage(now: Date) async throws -> Int {
        try await immediateWrite { db in
            let time = now.timeIntervalSince1970
            try db.execute(literal: """
                UPDATE events SET next_attempt_at = min(next_attempt_at, \(time)), wait_reason = NULL
                WHERE state = 'pending' AND wait_reason = \(WaitReason.outage.rawValue)
                """)
            return db.changesCount
        }
    }

    /// Puts the dead event `eventID` of `storefront` back to pending with no attempts; returns its log id, nil
    /// when no such dead event exists.
    public func requeueDeadEvent(storefront: String, eventID: String, now: Date) async throws -> Int64? {
        try await immediateWrite { db in
            try db.execute(
                sql: """
                    UPDATE events SET state = 'pending', attempts = 0, next_attempt_at = ?, lease_owner = NULL,
                        lease_expires_at = NULL
                    WHERE storefront = ? AND event_id = ? AND state = 'dead'
                    """,
                arguments: [now.timeIntervalSince1970, storefront, eventID])
            guard db.changesCount > 0 else { return nil }
            return try Int64.fetchOne(
                db, sql: "SELECT id FROM events WHERE storefront = ? AND event_id = ?", arguments: [storefront, eventID])
        }
    }

    /// Counts per state.
    public func eventCounts() async throws -> [LoggedEvent.State: Int] {
        try await writer.read { db in
            var counts = Dictionary(uniqueKeysWithValues: LoggedEvent.State.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM events GROUP BY state") {
                if let state = LoggedEvent.State(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            return counts
        }
    }

    /// Deletes forwarded events accepted before `before`.
    public func purgeForwardedEvents(before: Date) async throws -> Int {
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM events WHERE state = 'forwarded' AND received_at < ?", arguments: [before.timeIntervalSince1970])
            return db.changesCount
        }
    }

    private static func loggedEvents(_ db: Database, ids: [Int64]) throws -> [LoggedEvent] {
        try SQLRequest<Row>("""
            SELECT id, storefront, event_id, type, visitor, occurred_at, payload, state, attempts, last_error, received_at
            FROM events WHERE id IN \(ids) ORDER BY id
            """).fetchAll(db).map { row in
            let payload: Data = row["payload"]
            let stateText: String = row["state"]
            guard let state = LoggedEvent.State(rawValue: stateText) else {
                throw SyncStoreError.corruptRecord(table: "events", detail: "state `\(stateText)` of event \(row["id"] as Int64)")
            }
            return LoggedEvent(
                id: row["id"],
                event: ShopperEvent(
                    eventID: row["event_id"], storefront: row["storefront"], type: row["type"], visitor: row["visitor"],
                    occurredAt: Date(timeIntervalSince1970: row["occurred_at"]), payload: [UInt8](payload)),
                state: state, attempts: row["attempts"], lastError: row["last_error"],
                receivedAt: Date(timeIntervalSince1970: row["received_at"]))
        }
    }
}
