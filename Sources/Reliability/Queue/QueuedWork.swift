import Foundation

/// Work a ``QueueRunner`` claimed from a ``WorkQueue``: what the runner needs to settle it.
public protocol QueuedWork: Sendable {
    /// The queue's identifier of the work.
    associatedtype ID: Hashable & Sendable

    /// The queue's identifier of the work.
    var id: ID { get }
    /// Attempts finished so far (a wait without an attempt does not count).
    var attempts: Int { get }
    /// When the work entered the queue; an outage is waited out without attempts only for a while after it.
    var queuedAt: Date { get }
}
