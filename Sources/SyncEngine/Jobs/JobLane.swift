import Foundation
import Reliability
import SyncStore

/// The job queue as a ``QueueRunner`` serves it: the jobs of some kinds, dead-lettered with their payload and
/// every attempt when they fail for good.
struct JobLane: WorkQueue {
    let store: any JobQueue & DeadLetterQueue
    /// The kinds this lane claims; nil: all.
    let kinds: Set<JobKind>?

    func claim(owner: String, now: Date, lease: Duration, limit: Int) async throws -> [Job] {
        try await store.claim(owner: owner, now: now, lease: lease, limit: limit, kinds: kinds)
    }

    func renewLeases(_ ids: [Int64], owner: String, until: Date) async throws {
        try await store.renewLeases(ids: ids, owner: owner, until: until)
    }

    func complete(_ ids: [Int64], owner: String, now: Date) async throws {
        try await store.complete(ids: ids, owner: owner, now: now)
    }

    func putBack(_ ids: [Int64], owner: String, until: Date, reason: WaitReason, now: Date) async throws {
        try await store.putBack(ids: ids, owner: owner, until: until, reason: reason, now: now)
    }

    /// Records the attempt; a job that is dead gets its letter first (every earlier attempt's error, then this
    /// one's with Clerk's request and answer when Clerk refused it), so a crash between the two leaves a letter
    /// and a job that runs again, never a dead job nobody can see.
    func fail(_ job: Job, owner: String, error: any Error, retryAt: Date?, now: Date) async throws {
        if retryAt == nil { try await deadLetter(job, error: error, now: now) }
        try await store.fail(id: job.id, owner: owner, error: "\(error)", retryAt: retryAt, now: now)
    }

    func resumeAfterOutage(now: Date) async throws -> Int {
        try await store.resumeAfterOutage(now: now)
    }

    private func deadLetter(_ job: Job, error: any Error, now: Date) async throws {
        let clerk = ClerkFailure.of(error)
        let storefront = job.key.storefront.isEmpty ? nil : job.key.storefront
        for attempt in job.history {
            try await store.addDeadLetter(DeadLetterDraft(
                storefront: storefront, kind: job.key.kind.rawValue, entityID: job.key.entity, requestPayload: job.payload,
                error: attempt.error, attempts: 1), at: attempt.at)
        }
        try await store.addDeadLetter(DeadLetterDraft(
            storefront: storefront, kind: job.key.kind.rawValue, entityID: job.key.entity,
            requestPayload: clerk?.requestPayload ?? job.payload, responseStatus: clerk?.httpStatus,
            responseBody: clerk?.responseBody, error: "\(error) (job \(job.id), \(job.attempts + 1) attempts)", attempts: 1),
            at: now)
    }
}
