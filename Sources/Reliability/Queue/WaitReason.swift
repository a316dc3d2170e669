/// Why claimed work goes back to the queue without spending an attempt; the queue keeps it, so that new
/// work for the same thing knows whether it may cut the wait short.
public enum WaitReason: String, Sendable, Codable, Hashable, CaseIterable {
    /// A dependency is down; the work is brought forward as soon as it answers again.
    case outage
    /// The server asked to come back later (`Retry-After`, a rate-limit reset): the wait is kept.
    case retryAfter = "retry_after"
    /// The work itself asked to run later (a sale waiting for its shopper's visitor): the wait is kept.
    case scheduled
    /// The worker is stopping, or work before it failed: due again at once.
    case interrupted
}
