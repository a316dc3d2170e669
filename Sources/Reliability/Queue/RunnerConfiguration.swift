import Foundation

/// How a ``QueueRunner`` claims, retries and waits.
public struct RunnerConfiguration: Sendable, Hashable {
    /// This runner's name in leases, unique per process.
    public var owner: String
    /// How long claimed work stays this runner's without a heartbeat. The runner renews it every third of
    /// that while the work runs, so a killed process's work is claimed elsewhere within one lease.
    public var lease: Duration
    /// Most pieces of work claimed at once.
    public var batchSize: Int
    /// Attempts before work that keeps failing is dead (and dead-lettered).
    public var maxAttempts: Int
    /// Backoff between failed attempts (full jitter), and, by time, while a dependency is down.
    public var backoff: RetryPolicy
    /// How long after it was queued work waits out outages without using attempts; after that an outage
    /// failure counts, so work that fails the same way every time reaches the dead letters in the end.
    public var outageGrace: Duration
    /// How often the queue is looked at when nothing signals new work (work of other processes, retries).
    public var pollInterval: Duration
    /// How long the runner waits before a claim while work arrives in a burst (a pass found several pieces within
    /// the last second), so the burst is claimed in few batches; zero claims at once.
    public var gatherWindow: Duration

    /// Creates a configuration; the defaults suit production.
    public init(
        owner: String = ProcessName.unique("runner"),
        lease: Duration = .seconds(15), batchSize: Int = 100, maxAttempts: Int = 10,
        backoff: RetryPolicy = RetryPolicy(base: .seconds(1), cap: .seconds(300)),
        outageGrace: Duration = .seconds(86_400), pollInterval: Duration = .seconds(1), gatherWindow: Duration = .zero
    ) {
        self.owner = owner
        self.lease = lease
        self.batchSize = max(1, batchSize)
        self.maxAttempts = max(1, maxAttempts)
        self.backoff = backoff
        self.outageGrace = outageGrace
        self.pollInterval = pollInterval
        self.gatherWindow = gatherWindow
    }
}
