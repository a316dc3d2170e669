import Foundation
import Reliability
import Synchronization
import SyncStore

/// An event log whose first `failures` appends fail (the database is briefly gone), then delegates to `base`.
final class FlakyEventLog: EventLog {
    struct Down: Error {}

    let base: any EventLog
    let failuresLeft: Mutex<Int>

    init(base: any EventLog, failures: Int) {
        self.base = base
        failuresLeft = Mutex(failures)
    }

    func append(_ events: [ShopperEvent], now: Date) async throws -> [AppendOutcome] {
        let fail = failuresLeft.withLock { left -> Bool in
            guard left > 0 else { return false }
            left -= 1
            return true
        }
        if fail { throw Down() }
        return try await base.append(events, now: now)
    }

    func claimEvents(owner: String, now: Date, lease: Duration, limit: Int) async throws -> [LoggedEvent] {
        try await base.claimEvents(owner: owner, now: now, lease: lease, limit: limit)
    }

    func markForwarded(ids: [Int64], owner: String, now: Date) async throws {
        try await base.markForwarded(ids: ids, owner: owner, now: now)
    }

    func markFailed(id: Int64, owner: String, error: String, retryAt: Date?, now: Date) async throws -> LoggedEvent.State {
        try await base.markFailed(id: id, owner: owner, error: error, retryAt: retryAt, now: now)
    }

    func deferEvents(ids: [Int64], owner: String, until: Date, reason: WaitReason, now: Date) async throws {
        try await base.deferEvents(ids: ids, owner: owner, until: until, reason: reason, now: now)
    }

    func renewEventLeases(ids: [Int64], owner: String, until: Date) async throws {
        try await base.renewEventLeases(ids: ids, owner: owner, until: until)
    }

    func resumeEventsAfterOutage(now: Date) async throws -> Int {
        try await base.resumeEventsAfterOutage(now: now)
    }

    func requeueDeadEvent(storefront: String, eventID: String, now: Date) async throws -> Int64? {
        try await base.requeueDeadEvent(storefront: storefront, eventID: eventID, now: now)
    }

    func eventCounts() async throws -> [LoggedEvent.State: Int] {
        try await base.eventCounts()
    }

    func purgeForwardedEvents(before: Date) async throws -> Int {
        try await base.purgeForwardedEvents(before: before)
    }
}
