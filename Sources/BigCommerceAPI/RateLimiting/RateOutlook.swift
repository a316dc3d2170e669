/// What a ``RateGovernor`` knows of the quota and the store's response times, for callers that decide how much
/// work to keep in flight (the reindex's product ranges).
public struct RateOutlook: Sendable, Equatable {
    /// Requests per second the quota allows from now to the window's reset (requests left, less those in flight,
    /// over the time left); nil before BigCommerce reported a quota.
    public var requestsPerSecond: Double?
    /// Recent response time (a moving average of the last requests, from sending to the answer); nil before any.
    public var latency: Duration?
    /// Requests sent and not yet answered.
    public var inFlight: Int

    /// Creates an outlook.
    public init(requestsPerSecond: Double? = nil, latency: Duration? = nil, inFlight: Int = 0) {
        self.requestsPerSecond = requestsPerSecond
        self.latency = latency
        self.inFlight = inFlight
    }
}
