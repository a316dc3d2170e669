/// Counters of the sandbox's webhook deliveries (a snapshot; see ``SandboxWebhooks/counters``).
public struct WebhookCounters: Sendable, Equatable {
    /// Events emitted (whether or not any hook matched).
    public var eventsEmitted = 0
    /// HTTP attempts made (first tries, retries and duplicates).
    public var deliveriesAttempted = 0
    /// Attempts answered with a 2xx.
    public var deliveriesSucceeded = 0
    /// Attempts that failed: non-2xx, timeout or connection failure.
    public var failedAttempts = 0
    /// Duplicate deliveries sent (first attempts of an extra, identical copy of an event).
    public var duplicatesSent = 0
    /// Hooks deactivated because every retry of a delivery failed.
    public var hooksDeactivated = 0
    /// Times a delivery was held back because its domain was deny-listed (it is sent once the block lifts).
    public var heldByBlockedDomain = 0
    /// Deliveries queued, in flight or waiting for a retry.
    public var pending = 0

    /// Zero counters.
    public init() {}

    /// Whether nothing is pending.
    public var isIdle: Bool {
        pending == 0
    }
}
