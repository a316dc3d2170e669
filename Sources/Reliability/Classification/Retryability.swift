/// Whether a failed operation may be tried again, and how: the one question every error of an API client,
/// a writer or a store answers (``RetryClassified``), and the only thing retry loops and queue runners read.
public enum Retryability: Sendable, Hashable {
    /// Trying again cannot help: the request or the data is wrong (another 4xx, refused keys, a mapping
    /// failure). Queued work goes to the dead letters at once.
    case permanent
    /// This call failed but the next may not: a timeout, a 5xx, a dropped connection. Retried; queued work
    /// spends an attempt, unless nothing else reached the dependency meanwhile (then it is an outage).
    case transient
    /// The dependency cannot be reached or keeps failing after quick retries: nobody's work can succeed until
    /// it is back. Queued work waits without spending attempts and is brought forward when it answers again.
    case outage
    /// The server said when to come back; waiting that long is not a failure.
    case retryAfter(Duration)

    /// Whether another try may succeed (everything but ``permanent``).
    public var mayRetry: Bool {
        self != .permanent
    }

    /// How `error` may be retried: its own answer when it is ``RetryClassified``; a cancellation is
    /// transient (the work was interrupted, not wrong); anything else is transient too, so an unforeseen
    /// failure is retried a bounded number of times and then kept as a dead letter rather than dropped.
    public static func of(_ error: any Error) -> Retryability {
        (error as? any RetryClassified)?.retryability ?? .transient
    }
}
