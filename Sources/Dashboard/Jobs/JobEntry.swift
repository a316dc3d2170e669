import Foundation
import SyncEngine
import SyncStore

/// A job as `GET /admin/api/jobs` lists it (contract.md): `{"id", "kind", "storefront", "entity", "state",
/// "attempts", "run_at", "last_error"}`; store-wide work has no `storefront`, a job that never failed no
/// `last_error`. The detail (`GET /admin/api/jobs/{id}`) adds its payload and every failed attempt.
public struct JobEntry: Sendable, Encodable, Equatable {
    /// One failed attempt.
    public struct Attempt: Sendable, Encodable, Equatable {
        /// When (RFC 3339).
        public var at: String
        /// The error.
        public var error: String
        /// Whether it was retried (transient) rather than final.
        public var transient: Bool
    }

    /// The job's id.
    public var id: Int64
    /// What it does, e.g. `product.sync`.
    public var kind: String
    /// The storefront; nil for store-wide work.
    public var storefront: String?
    /// What it is about, e.g. a product id.
    public var entity: String
    /// Where it is in its life.
    public var state: String
    /// Attempts finished.
    public var attempts: Int
    /// When it may run next (RFC 3339).
    public var runAt: String
    /// Why a retryable job waits without an attempt (`outage`, `retry_after`, …).
    public var waitReason: String?
    /// The latest failure.
    public var lastError: String?
    /// When it was first enqueued (RFC 3339).
    public var createdAt: String
    /// When it last changed (RFC 3339).
    public var updatedAt: String
    /// Its payload as text (the detail only).
    public var payload: String?
    /// Every failed attempt, oldest first (the detail only).
    public var history: [Attempt]?

    /// The entry of `job`, with its payload and history when `detailed`, errors masked by `mask`.
    public init(_ job: Job, detailed: Bool = false, mask: SecretMask) {
        id = job.id
        kind = job.key.kind.rawValue
        storefront = job.key.storefront.isEmpty ? nil : job.key.storefront
        entity = job.key.entity
        state = job.state.rawValue
        attempts = job.attempts
        runAt = StatusReport.format(job.runAt)
        waitReason = job.state == .retryable ? job.waitReason?.rawValue : nil
        lastError = job.lastError.map(mask.masking)
        createdAt = StatusReport.format(job.createdAt)
        updatedAt = StatusReport.format(job.updatedAt)
        if detailed {
            payload = String(decoding: mask.masking(job.payload), as: UTF8.self)
            history = job.history.map { Attempt(at: StatusReport.format($0.at), error: mask.masking($0.error), transient: $0.transient) }
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, storefront, entity, state, attempts, payload, history
        case runAt = "run_at", waitReason = "wait_reason", lastError = "last_error", createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

/// What retrying or cancelling one job did: `{"id", "outcome", "job_id"?}`.
public struct JobAction: Sendable, Encodable, Equatable {
    /// The outcomes, as the API names them.
    public enum Outcome: String, Sendable, Encodable {
        /// A dead job is available again (as `job_id`, which is another job when it merged into newer work).
        case queued
        /// A waiting job is due now.
        case dueNow = "due_now"
        /// A waiting job was set aside as dead; retrying it brings it back.
        case cancelled
    }

    /// The job acted on.
    public var id: Int64
    /// What happened.
    public var outcome: Outcome
    /// The job that will run.
    public var jobID: Int64?

    /// Creates an action result.
    public init(id: Int64, outcome: Outcome, jobID: Int64?) {
        self.id = id
        self.outcome = outcome
        self.jobID = jobID
    }

    enum CodingKeys: String, CodingKey { case id, outcome, jobID = "job_id" }
}
