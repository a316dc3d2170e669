import Foundation
import PostgresNIO
import Reliability
import SyncStore

/// The shopper event log on PostgreSQL: appended by every instance, forwarded by any number of forwarders, one
/// visitor's events in log order.
extension PostgresSyncStore {
    /// Appends in one transaction (bounded by ``requestTimeout``: the caller answers 503 rather than wait).
    public func append(_ events: [ShopperEvent], now: Date) async throws -> [AppendOutcome] {
        try await append(events, basketChanges: [], now: now)
    }

    /// Inserts `events` inside the caller's transaction with one statement; returns each one's outcome.
    ///
    /// An event id repeated within the batch is stored once (the first), the others are its duplicates; ids already
    /// stored are duplicates of their stored event. The caller announces them once committed.
    static func append(
        _ events: [ShopperEvent], now: Date, on connection: PostgresConnection, _ logger: Logger
    ) async throws -> [AppendOutcome] {
        let time = now.seconds
        let stored = try await connection.rows(
            """
            WITH inserted AS (
                INSERT INTO events (storefront, event_id, type, visitor, occurred_at, payload, state, attempts,
                                    next_attempt_at, received_at)
                SELECT storefront, event_id, type, visitor, occurred_at, payload, 'pending', 0, \(time), \(time)
                FROM unnest(\(events.map(\.storefront))::text[], \(events.map(\.eventID))::text[],
                            \(events.map(\.type))::text[], \(events.map(\.visitor))::text[],
                            \(events.map(\.occurredAt.seconds))::float8[], \(events.map { ByteBuffer(bytes: $0.payload) })::bytea[])
                    WITH ORDINALITY AS e(storefront, event_id, type, visitor, occurred_at, payload, n)
                ORDER BY n
                ON CONFLICT (storefront, event_id) DO NOTHING
                RETURNING id, storefront, event_id)
            SELECT id, storefront, event_id FROM inserted
            """, logger)
        var ids: [EventKey: Int64] = [:]
        for row in stored {
            let (id, storefront, eventID) = try row.decode((Int64, String, String).self)
            ids[EventKey(storefront: storefront, eventID: eventID)] = id
        }
        let keys = events.map { EventKey(storefront: $0.storefront, eventID: $0.eventID) }
        let earlier = Set(keys).subtracting(ids.keys)
        var existing: [EventKey: Int64] = [:]
        if !earlier.isEmpty {
            let list = Array(earlier)
            for row in try await connection.rows(
                """
                SELECT e.id, e.storefront, e.event_id FROM events AS e
                JOIN unnest(\(list.map(\.storefront))::text[], \(list.map(\.eventID))::text[]) AS k(storefront, event_id)
                  ON e.storefront = k.storefront AND e.event_id = k.event_id
                """, logger)
            {
                let (id, storefront, eventID) = try row.decode((Int64, String, String).self)
                existing[EventKey(storefront: storefront, eventID: eventID)] = id
            }
        }
        var seen: Set<EventKey> = []
        return keys.map { key in
            if let id = ids[key], seen.insert(key).inserted { return .stored(id) }
            return .duplicate(ids[key] ?? existing[key] ?? 0)
        }
    }

    /// Claims due events in log order, each only with every earlier open event of its visitor: candidates are
    /// locked with `SKIP LOCKED`, then, on a fresh snapshot, leased when no earlier pending or forwarding event of
    /// the visitor lies outside the batch (another forwarder's claim included).
    public func claimEvents(owner: String, now: Date, lease: Duration, limit: Int) async throws -> [LoggedEvent] {
        guard limit > 0 else { return [] }
        let time = now.seconds
        let expiry = time + lease.timeInterval
        let logger = logger
        // `OFFSET 0` keeps each visitor-order check a probe of `events_visitor_open` per candidate. Without it the
        // planner may join against every open event instead: before the table's first ANALYZE, with 265,000 events
        // just accepted, one claim ran for minutes at 100 % CPU (BENCHMARKS.md, "PostgreSQL").
        let events = try await write { connection in
            let candidates = try await connection.rows(
                """
                SELECT e.id FROM events AS e
                WHERE e.state IN ('pending', 'forwarding')
                  AND ((e.state = 'pending' AND e.next_attempt_at <= \(time))
                       OR (e.state = 'forwarding' AND e.lease_expires_at <= \(time)))
                  AND NOT EXISTS (
                      SELECT 1 FROM events AS earlier
                      WHERE earlier.storefront = e.storefront AND earlier.visitor = e.visitor AND earlier.id < e.id
                        AND earlier.state IN ('pending', 'forwarding')
                        AND ((earlier.state = 'pending' AND earlier.next_attempt_at > \(time))
                             OR (earlier.state = 'forwarding' AND earlier.lease_expires_at > \(time)))
                      OFFSET 0)
                ORDER BY e.id
                LIMIT \(limit)
                FOR UPDATE SKIP LOCKED
                """, logger
            ).map { try $0.decode(Int64.self) }
            guard !candidates.isEmpty else { return [LoggedEvent]() }
            return try await connection.rows(
                """
                UPDATE events AS e
                SET state = 'forwarding', lease_owner = \(owner), lease_expires_at = \(expiry), wait_reason = NULL
                WHERE e.id = ANY(\(candidates))
                  AND NOT EXISTS (
                      SELECT 1 FROM events AS earlier
                      WHERE earlier.storefront = e.storefront AND earlier.visitor = e.visitor AND earlier.id < e.id
                        AND earlier.state IN ('pending', 'forwarding') AND earlier.id <> ALL(\(candidates))
                      OFFSET 0)
                RETURNING \(unescaped: Self.eventColumns)
                """, logger
            ).map(LoggedEvent.init(postgresRow:))
        }
        return events.sorted { $0.id < $1.id }
    }

    /// Marks the events `owner` still holds forwarded.
    public func markForwarded(ids: [Int64], owner: String, now: Date) async throws {
        guard !ids.isEmpty else { return }
        _ = try await read(
            """
            UPDATE events SET state = 'forwarded', lease_owner = NULL, lease_expires_at = NULL
            WHERE state = 'forwarding' AND lease_owner = \(owner) AND id = ANY(\(ids))
            """)
    }

    /// Records a failed attempt; throws ``SyncStoreError/eventLeaseLost(eventID:owner:)`` when `owner` no longer holds it.
    public func markFailed(id: Int64, owner: String, error: String, retryAt: Date?, now: Date) async throws -> LoggedEvent.State {
        let state: LoggedEvent.State = retryAt == nil ? .dead : .pending
        let changed = try await read(
            """
            UPDATE events SET state = \(state.rawValue), attempts = attempts + 1,
                next_attempt_at = \((retryAt ?? now).seconds), last_error = \(error),
                lease_owner = NULL, lease_expires_at = NULL, wait_reason = NULL
            WHERE id = \(id) AND state = 'forwarding' AND lease_owner = \(owner)
            RETURNING id
            """)
        guard !changed.isEmpty else { throw SyncStoreError.eventLeaseLost(eventID: id, owner: owner) }
        return state
    }

    /// Puts the events `owner` holds back to pending at `until`.
    public func deferEvents(ids: [Int64], owner: String, until: Date, reason: WaitReason, now: Date) async throws {
        guard !ids.isEmpty else { return }
        _ = try await read(
            """
            UPDATE events SET state = 'pending', next_attempt_at = \(until.seconds), wait_reason = \(reason.rawValue),
                lease_owner = NULL, lease_expires_at = NULL
            WHERE state = 'forwarding' AND lease_owner = \(owner) AND id = ANY(\(ids))
            """)
    }

    /// Moves `owner`'s leases on events `ids` to `until`.
    public func renewEventLeases(ids: [Int64], owner: String, until: Date) async throws {
        guard !ids.isEmpty else { return }
        _ = try await read(
            """
            UPDATE events SET lease_expires_at = \(until.seconds)
            WHERE state = 'forwarding' AND lease_owner = \(owner) AND id = ANY(\(ids))
            """)
    }

    /// Makes the events waiting for an outage due at `now`.
    public func resumeEventsAfterOutage(now: Date) async throws -> Int {
        let resumed = try await read(
            """
            WITH resumed AS (
                UPDATE events SET next_attempt_at = least(next_attempt_at, \(now.seconds)), wait_reason = NULL
                WHERE state = 'pending' AND wait_reason = \(WaitReason.outage.rawValue)
                RETURNING id)
            SELECT count(*) FROM resumed
            """)[0].decode(Int.self)
        if resumed > 0 { announcer.announce(.events) }
        return resumed
    }

    /// Puts the dead event `eventID` of `storefront` back to pending with no attempts.
    public func requeueDeadEvent(storefront: String, eventID: String, now: Date) async throws -> Int64? {
        let requeued = try await read(
            """
            WITH requeued AS (
                UPDATE events SET state = 'pending', attempts = 0, next_attempt_at = \(now.seconds), lease_owner = NULL,
                    lease_expires_at = NULL
                WHERE storefront = \(storefront) AND event_id = \(eventID) AND state = 'dead'
                RETURNING id)
            SELECT id FROM requeued
            """
        ).first.map { try $0.decode(Int64.self) }
        if requeued != nil { announcer.announce(.events) }
        return requeued
    }

    /// Counts per state.
    public func eventCounts() async throws -> [LoggedEvent.State: Int] {
        var counts = Dictionary(uniqueKeysWithValues: LoggedEvent.State.allCases.map { ($0, 0) })
        for row in try await read("SELECT state, count(*) FROM events GROUP BY state") {
            let (state, count) = try row.decode((String, Int).self)
            if let state = LoggedEvent.State(rawValue: state) { counts[state] = count }
        }
        return counts
    }

    /// Deletes forwarded events accepted before `before`.
    public func purgeForwardedEvents(before: Date) async throws -> Int {
        try await read(
            """
            WITH purged AS (DELETE FROM events WHERE state = 'forwarded' AND received_at < \(before.seconds) RETURNING 1)
            SELECT count(*) FROM purged
            """)[0].decode(Int.self)
    }

    /// The columns of a ``LoggedEvent``, in the order ``LoggedEvent/init(postgresRow:)`` reads them.
    static let eventColumns = "id, storefront, event_id, type, visitor, occurred_at, payload, state, attempts, last_error, received_at"
}

/// An event's identity in the log: its storefront and the caller's id.
struct EventKey: Hashable {
    var storefront: String
    var eventID: String
}

extension LoggedEvent {
    /// An event from the columns ``PostgresSyncStore/eventColumns`` lists.
    init(postgresRow row: PostgresRow) throws {
        let (id, storefront, eventID, type, visitor, occurredAt, payload, stateText, attempts, lastError, receivedAt) =
            try row.decode((Int64, String, String, String, String, Double, Data, String, Int, String?, Double).self)
        guard let state = LoggedEvent.State(rawValue: stateText) else {
            throw SyncStoreError.corruptRecord(table: "events", detail: "state `\(stateText)` of event \(id)")
        }
        self.init(
            id: id,
            event: ShopperEvent(
                eventID: eventID, storefront: storefront, type: type, visitor: visitor,
                occurredAt: Date(seconds: occurredAt), payload: [UInt8](payload)),
            state: state, attempts: attempts, lastError: lastError, receivedAt: Date(seconds: receivedAt))
    }
}
