import Foundation
import Reliability

/// How the background worker claims, retries and schedules its jobs.
public struct WorkerConfiguration: Sendable {
    /// This worker's name in leases (unique per process).
    public var owner: String
    /// How long a claimed job stays this worker's without a heartbeat; it is renewed every third of that while
    /// the job runs, so a killed worker's jobs run elsewhere within one lease.
    public var lease: Duration
    /// Most jobs claimed at once; product jobs claimed together are read and written together.
    public var batchSize: Int
    /// Attempts before a job that keeps failing is dead (and dead-lettered).
    public var maxAttempts: Int
    /// Backoff between failed attempts (full jitter).
    public var backoff: RetryPolicy
    /// How often the queue is polled when nothing signals new work (jobs from other processes, retries).
    public var pollInterval: Duration
    /// How often the light reconciliation runs; nil: never.
    public var reconcileInterval: Duration?
    /// How often a full reindex runs; nil: never.
    public var reindexInterval: Duration?
    /// How often every market is validated (when the worker has a validation); nil: never.
    public var validateInterval: Duration?
    /// How far the modification sweep looks back before its previous end (clock skew, late commits).
    public var sweepOverlap: Duration
    /// How far the first modification sweep looks back.
    public var firstSweepLookBack: Duration
    /// How long completed jobs and webhook deliveries are kept (deliveries for deduplication).
    public var retention: Duration
    /// How long after it was queued a job waits out outages without using attempts; after that an
    /// outage failure counts, so a document that fails the same way every time reaches the dead letters.
    public var outageGrace: Duration
    /// How long after an order was created its sale waits for the shopper's visitor (a storefront purchase
    /// event or a cart seen with a visitor) before it is logged without one. A waiting job keeps its time
    /// even when the purchase event arrives earlier (the queue keeps a retryable job's `runAt`), so a sale
    /// without a known visitor at first is logged at most this long after the order was placed.
    public var attributionWait: Duration
    /// How long a lane waits before a claim while jobs arrive in a burst (a pass found several within the last
    /// second), so the deliveries of a burst are claimed and applied together (one BigCommerce read for many
    /// products) instead of one pass each. A lone change outside a burst is claimed at once.
    public var gatherWindow: Duration

    /// Creates a configuration; the defaults suit production (reconcile every 15 minutes, reindex nightly).
    public init(
        owner: String = ProcessName.unique("worker"),
        lease: Duration = .seconds(15), batchSize: Int = 100, maxAttempts: Int = 10,
        backoff: RetryPolicy = RetryPolicy(base: .seconds(1), cap: .seconds(300)),
        pollInterval: Duration = .seconds(1), reconcileInterval: Duration? = .seconds(900),
        reindexInterval: Duration? = .seconds(86_400), validateInterval: Duration? = nil, sweepOverlap: Duration = .seconds(300),
        firstSweepLookBack: Duration = .seconds(3_600), retention: Duration = .seconds(7 * 86_400),
        outageGrace: Duration = .seconds(86_400), attributionWait: Duration = .seconds(60),
        gatherWindow: Duration = .milliseconds(50)
    ) {
        self.owner = owner
        self.lease = lease
        self.batchSize = max(1, batchSize)
        self.maxAttempts = max(1, maxAttempts)
        self.backoff = backoff
        self.pollInterval = pollInterval
        self.reconcileInterval = reconcileInterval
        self.reindexInterval = reindexInterval
        self.validateInterval = validateInterval
        self.sweepOverlap = sweepOverlap
        self.firstSweepLookBack = firstSweepLookBack
        self.retention = retention
        self.outageGrace = outageGrace
        self.attributionWait = attributionWait
        self.gatherWindow = gatherWindow
    }

    /// The queue runner's share of the configuration.
    public var runner: RunnerConfiguration {
        RunnerConfiguration(
            owner: owner, lease: lease, batchSize: batchSize, maxAttempts: maxAttempts, backoff: backoff,
            outageGrace: outageGrace, pollInterval: pollInterval, gatherWindow: gatherWindow)
    }
}
