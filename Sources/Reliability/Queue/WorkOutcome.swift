import Foundation

/// How one piece of claimed work ended, as its handler reports it to the ``QueueRunner``.
public enum WorkOutcome: Sendable {
    /// Done; the work leaves the queue.
    case done
    /// It failed with this error; the runner classifies it (``Retryability``) and retries, waits out an
    /// outage or dead-letters it.
    case failed(any Error)
    /// Not done yet and not failed: back in the queue until the date, without an attempt.
    case later(Date, WaitReason)
    /// Not tried, because work that must go before it failed (one visitor's earlier event): it waits as
    /// long as that work does.
    case skipped
}
