/// Counters of one governor, for tests, benchmarks and logs.
public struct RateGovernorStatistics: Sendable, Equatable {
    /// Requests let through by `acquire()` (retries included).
    public var requests: Int
    /// 429 responses observed (quota and platform load).
    public var throttled: Int
    /// 429 responses without rate-limit headers (platform load).
    public var platformThrottled: Int
    /// Total time callers spent waiting in `acquire()` for pacing or after 429s (summed over callers).
    public var waited: Duration

    /// Creates a set of counters.
    public init(requests: Int = 0, throttled: Int = 0, platformThrottled: Int = 0, waited: Duration = .zero) {
        self.requests = requests
        self.throttled = throttled
        self.platformThrottled = platformThrottled
        self.waited = waited
    }
}
