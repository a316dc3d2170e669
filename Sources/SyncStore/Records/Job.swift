import Foundation
import Reliability

/// A unit of background work in the durable queue (see ``JobQueue``).
public struct Job: Sendable, Codable, Equatable, Identifiable, QueuedWork {
    /// The job's id.
    public var id: Int64
    /// What the job is about.
    public var key: JobKey
    /// What the worker needs, opaque to the queue (replaced when an enqueue coalesces into the job).
    public var payload: [UInt8]
    /// Where the job is in its life.
    public var state: JobState
    /// Attempts finished so far (failed or completed); a deferral is not an attempt.
    public var attempts: Int
    /// When the job may run (next).
    public var runAt: Date
    /// The worker holding the lease while `running`; afterwards, the last one that held it.
    public var leaseOwner: String?
    /// When the lease expires (only while `running`); after that another worker may claim the job.
    public var leaseExpiresAt: Date?
    /// The latest failure's error text.
    public var lastError: String?
    /// Why a `retryable` job waits: ``WaitReason`` for a wait without an attempt, nil after a failed attempt
    /// (a backoff).
    public var waitReason: WaitReason?
    /// Every failed attempt, oldest first.
    public var history: [JobAttempt]
    /// When the job was first enqueued.
    public var createdAt: Date
    /// When the job last changed.
    public var updatedAt: Date

    /// Creates a job record.
    public init(
        id: Int64,
        key: JobKey,
        payload: [UInt8],
        state: JobState,
        attempts: Int,
        runAt: Date,
        leaseOwner: String?,
        leaseExpiresAt: Date?,
        lastError: String?,
        waitReason: WaitReason? = nil,
        history: [JobAttempt],
        createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.key = key
        self.payload = payload
        self.state = state
        self.attempts = attempts
        self.runAt = runAt
        self.leaseOwner = leaseOwner
        self.leaseExpiresAt = leaseExpiresAt
        self.lastError = lastError
        self.waitReason = waitReason
        self.history = history
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

extension Job {
    /// When the job was first enqueued (``QueuedWork``).
    public var queuedAt: Date { createdAt }
}
