/// What ``JobQueue/enqueue(_:payload:runAt:now:)`` did.
public enum EnqueueOutcome: Sendable, Equatable {
    /// A new job with this id was inserted.
    case inserted(Int64)
    /// The key already had a pending job (this id); the enqueue was merged into it.
    case coalesced(Int64)

    /// The id of the job that will do the work, inserted or coalesced.
    public var jobID: Int64 {
        switch self {
        case .inserted(let id), .coalesced(let id): id
        }
    }
}
