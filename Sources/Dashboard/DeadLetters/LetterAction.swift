import SyncEngine

/// What replaying or discarding one dead letter came to: `{"id", "outcome", …}`.
public struct LetterAction: Sendable, Encodable, Equatable {
    /// The outcomes, as the API names them.
    public enum Outcome: String, Sendable, Encodable, CaseIterable {
        /// Clerk now holds what the catalog says; the letter is resolved.
        case resolved
        /// It failed again; the letter stays open with this attempt added (see `detail`).
        case stillFailing = "still_failing"
        /// A dead background job is back in the queue (`job_id`); the letter is resolved.
        case queued
        /// A dead shopper event is back in the event log (`event_log_id`); the letter is resolved.
        case eventRequeued = "event_requeued"
        /// The operator set it aside without running it again; the letter is resolved.
        case discarded
    }

    /// The letter's id.
    public var id: Int64
    /// What happened.
    public var outcome: Outcome
    /// Why it still fails.
    public var detail: String?
    /// The job that runs again.
    public var jobID: Int64?
    /// The event-log entry forwarded again.
    public var eventLogID: Int64?

    /// Creates an action result.
    public init(id: Int64, outcome: Outcome, detail: String? = nil, jobID: Int64? = nil, eventLogID: Int64? = nil) {
        self.id = id
        self.outcome = outcome
        self.detail = detail
        self.jobID = jobID
        self.eventLogID = eventLogID
    }

    /// The result of letter `id`'s replay `outcome`, its detail masked by `mask`.
    init(id: Int64, replayed outcome: DeadLetterReplayer.Outcome, mask: SecretMask) {
        switch outcome {
        case .resolved: self.init(id: id, outcome: .resolved)
        case .stillFailing(let reason): self.init(id: id, outcome: .stillFailing, detail: mask.masking(reason))
        case .queued(let job): self.init(id: id, outcome: .queued, jobID: job)
        case .eventRequeued(let entry): self.init(id: id, outcome: .eventRequeued, eventLogID: entry)
        }
    }

    /// Whether the letter left the open list.
    public var isResolved: Bool { outcome != .stillFailing }

    enum CodingKeys: String, CodingKey { case id, outcome, detail, jobID = "job_id", eventLogID = "event_log_id" }
}

/// What a replay or discard of every letter matching a filter did: how many matched, how many it acted on (at most
/// the cap), how many remain, the count per outcome and each letter's result.
public struct BulkLetterAction: Sendable, Encodable, Equatable {
    /// Letters matching the filter when it ran.
    public var matched: Int
    /// Letters it acted on: the newest `matched`, up to the cap.
    public var acted: Int
    /// Matching letters it left for another run (over the cap).
    public var remaining: Int
    /// How many came to each outcome.
    public var outcomes: [String: Int]
    /// Each letter's result.
    public var results: [LetterAction]

    /// The summary of `results` out of `matched`.
    init(matched: Int, results: [LetterAction]) {
        self.matched = matched
        acted = results.count
        remaining = max(0, matched - results.count)
        outcomes = Dictionary(grouping: results, by: \.outcome.rawValue).mapValues(\.count)
        self.results = results
    }
}
