/// Run-time delivery behaviour of the sandbox's webhooks (``SandboxWebhooks/configure(_:)``).
///
/// The real platform retries after 60 s, 180 s, 300 s … up to ~48 h and deny-lists a domain for 3 minutes when
/// fewer than 90 % of at least 100 deliveries within 2 minutes succeeded; the defaults keep those thresholds
/// but scale the retry schedule down to seconds.
public struct WebhookDeliverySettings: Sendable, Equatable {
    /// Probability (0…1) that an event is delivered a second time to a hook, identical (same body and `webhook-id`).
    public var duplicateRate: Double = 0
    /// Fresh deliveries are collected up to this many (or for ``reorderDelay``) and then sent in shuffled order;
    /// 0 dispatches them in emission order.
    public var reorderWindow: Int = 0
    /// How long a partly filled reorder window waits before it is shuffled and sent.
    public var reorderDelay: Duration = .milliseconds(5)
    /// Waits before each retry of a failed delivery; after the last retry fails the hook is deactivated.
    public var retryDelays: [Duration] = [.seconds(1), .seconds(3), .seconds(5)]
    /// How long a receiver may take to answer before the attempt counts as failed.
    public var timeout: Duration = .seconds(10)
    /// Deliveries attempted concurrently at most.
    public var maxConcurrentDeliveries: Int = 64
    /// Sliding window over which a domain's success ratio is measured.
    public var denyListWindow: Duration = .seconds(120)
    /// Attempts within the window before the ratio counts.
    public var denyListMinimumAttempts: Int = 100
    /// A domain whose success ratio drops below this is deny-listed.
    public var denyListSuccessRatio: Double = 0.9
    /// How long a deny-listed domain receives nothing (its deliveries wait and are sent afterwards).
    public var denyListDuration: Duration = .seconds(180)

    /// The defaults: no duplicates, in order, retries after 1 s, 3 s and 5 s, 10 s timeout, real deny-list thresholds.
    public init() {}
}
