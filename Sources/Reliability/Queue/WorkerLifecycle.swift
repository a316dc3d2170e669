/// Where a long-running worker (a queue runner, the delta worker) is in its life.
public enum WorkerLifecycle: Sendable, Hashable {
    /// Created, not running yet.
    case idle
    /// Claiming and running work.
    case running
    /// Asked to stop: finishes what it holds, claims nothing more.
    case stopping
    /// Returned from its run loop.
    case stopped
}
