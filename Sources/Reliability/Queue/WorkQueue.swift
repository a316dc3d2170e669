import Foundation

/// A durable queue a ``QueueRunner`` serves: the job queue of catalog and order work, or the log of shopper
/// events. Claims are leases: work whose lease expires (its runner died) is claimed again by another.
///
/// All times are parameters, so runners and tests control the clock.
public protocol WorkQueue<Work>: Sendable {
    /// The work the queue holds.
    associatedtype Work: QueuedWork

    /// Takes up to `limit` pieces of due work for `owner`, leased until `now + lease`.
    func claim(owner: String, now: Date, lease: Duration, limit: Int) async throws -> [Work]
    /// Extends `owner`'s leases on `ids` to `until` (the runner's heartbeat while the work runs).
    func renewLeases(_ ids: [Work.ID], owner: String, until: Date) async throws
    /// Marks `ids`, held by `owner`, done.
    func complete(_ ids: [Work.ID], owner: String, now: Date) async throws
    /// Puts `ids`, held by `owner`, back until `until` for `reason`, without counting an attempt.
    func putBack(_ ids: [Work.ID], owner: String, until: Date, reason: WaitReason, now: Date) async throws
    /// Records a failed attempt of `work` held by `owner`: due again at `retryAt`, or, when `retryAt` is nil,
    /// dead — kept in the dead letters with its payload, `error` and every attempt.
    func fail(_ work: Work, owner: String, error: any Error, retryAt: Date?, now: Date) async throws
    /// Makes the work waiting for a dependency to come back due at `now`; returns how much there was.
    @discardableResult
    func resumeAfterOutage(now: Date) async throws -> Int
}
