/// Where a job is in its life: `available` → `running` → `completed`, or back to `retryable`, or `dead`.
public enum JobState: String, Sendable, Codable, Hashable, CaseIterable {
    /// Waiting to run at its `runAt`.
    case available
    /// Claimed by a worker that holds a lease on it.
    case running
    /// Failed (or deferred) and waiting to run again at its `runAt`.
    case retryable
    /// Done.
    case completed
    /// Failed for good (a permanent error or too many attempts); kept for the operator and replay.
    case dead

    /// Whether the job waits to run (`available` or `retryable`): the states coalescing applies to.
    public var isPending: Bool {
        self == .available || self == .retryable
    }
}
