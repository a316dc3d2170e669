/// What one pass of a ``QueueRunner`` did.
public struct RunnerPass: Sendable, Hashable {
    /// Pieces of work claimed.
    public var claimed = 0
    /// Done.
    public var done = 0
    /// Back in the queue for another try or after a wait.
    public var retrying = 0
    /// Dead-lettered.
    public var dead = 0
    /// Whether a dependency was found down in this pass.
    public var outage = false

    /// An empty pass.
    public init() {}
}
