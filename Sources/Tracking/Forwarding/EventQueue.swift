import ClerkAPI
import Foundation
import Reliability
import SyncStore

/// The event log as a ``QueueRunner`` serves it: events in log order, dead-lettered with their payload and
/// Clerk's answer when they fail for good.
struct EventQueue: WorkQueue {
    let store: any EventLog & DeadLetterQueue
    /// The dead-letter kind of an event Clerk refused.
    let deadLetterKind: String

    func claim(owner: String, now: Date, lease: Duration, limit: Int) async throws -> [LoggedEvent] {
        try await store.claimEvents(owner: owner, now: now, lease: lease, limit: limit)
    }

    func renewLeases(_ ids: [Int64], owner: String, until: Date) async throws {
        try await store.renewEventLeases(ids: ids, owner: owner, until: until)
    }

    func complete(_ ids: [Int64], owner: String, now: Date) async throws {
        try await store.markForwarded(ids: ids, owner: owner, now: now)
    }

    func putBack(_ ids: [Int64], owner: String, until: Date, reason: WaitReason, now: Date) async throws {
        try await store.deferEvents(ids: ids, owner: owner, until: until, reason: reason, now: now)
    }

    /// The letter is written before the event is marked dead: a crash between the two leaves a letter and an
    /// event that is tried again, never a dead event nobody can see.
    func fail(_ event: LoggedEvent, owner: String, error: any Error, retryAt: Date?, now: Date) async throws {
        if retryAt == nil {
            let clerk = error as? ClerkError
            try await store.addDeadLetter(
                DeadLetterDraft(
                    storefront: event.event.storefront, kind: deadLetterKind, entityID: event.event.eventID,
                    requestPayload: event.event.payload, responseStatus: clerk?.httpStatus,
                    responseBody: clerk.flatMap { $0.responseBody.isEmpty ? nil : $0.responseBody },
                    error: "\(error)", attempts: event.attempts + 1),
                at: now)
        }
        try await store.markFailed(id: event.id, owner: owner, error: "\(error)", retryAt: retryAt, now: now)
    }

    func resumeAfterOutage(now: Date) async throws -> Int {
        try await store.resumeEventsAfterOutage(now: now)
    }
}
