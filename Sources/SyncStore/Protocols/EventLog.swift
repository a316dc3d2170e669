import Foundation
import Reliability

/// Shopper events between their acceptance and Clerk: appended durably before the caller is answered,
/// forwarded in order by workers holding a lease, deduplicated per storefront and event id for as long
/// as they are kept (at least the retention the caller purges with).
///
/// All times are parameters (`now`), so callers and tests control the clock.
public protocol EventLog: Sendable {
    /// Appends `events` in one transaction, each either stored or recognised as a duplicate.
    func append(_ events: [ShopperEvent], now: Date) async throws -> [AppendOutcome]

    /// Takes up to `limit` events due for forwarding (pending ones whose `nextAttemptAt` passed, and ones
    /// whose forwarding lease expired), oldest first, leased to `owner` until `now + lease`.
    ///
    /// **Visitor order.** An event is taken only together with every earlier event of its visitor (same
    /// storefront) that is still pending or forwarding: while one of those is leased to a forwarder or waits for a
    /// retry, the visitor's later events wait too, so any number of forwarders send one visitor's events in log
    /// order. Dead events hold nothing back.
    func claimEvents(owner: String, now: Date, lease: Duration, limit: Int) async throws -> [LoggedEvent]

    /// Marks events `ids` held by `owner` forwarded. Ids another owner took over are left alone.
    func markForwarded(ids: [Int64], owner: String, now: Date) async throws

    /// Records a failed forwarding attempt of event `id` held by `owner`: `pending` again at `retryAt`, or
    /// `dead` without one. Returns the new state; throws ``SyncStoreError/eventLeaseLost(eventID:owner:)`` when
    /// `owner` no longer holds it.
    @discardableResult
    func markFailed(id: Int64, owner: String, error: String, retryAt: Date?, now: Date) async throws -> LoggedEvent.State

    /// Puts events `ids` held by `owner` back to `pending` at `until` without counting an attempt, remembering
    /// `reason`.
    func deferEvents(ids: [Int64], owner: String, until: Date, reason: WaitReason, now: Date) async throws

    /// Extends `owner`'s forwarding leases on events `ids` to `until` (the heartbeat while they are sent).
    func renewEventLeases(ids: [Int64], owner: String, until: Date) async throws

    /// Makes every event that waits for a Clerk outage due at `now`; returns how many.
    @discardableResult
    func resumeEventsAfterOutage(now: Date) async throws -> Int

    /// Puts the dead event `eventID` of `storefront` back to `pending`, due at `now`, with its attempts reset
    /// (a dead-letter replay). Returns its log id, or nil when the storefront has no such dead event.
    func requeueDeadEvent(storefront: String, eventID: String, now: Date) async throws -> Int64?

    /// The number of events in each state; every state is present.
    func eventCounts() async throws -> [LoggedEvent.State: Int]

    /// Deletes forwarded events accepted before `before`; returns how many. Their ids stop deduplicating then.
    @discardableResult
    func purgeForwardedEvents(before: Date) async throws -> Int
}
