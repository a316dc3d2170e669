/// A destination domain the sandbox currently deny-lists (`blocked_domains` of `GET /v3/hooks/admin`).
public struct SandboxBlockedDomain: Sendable, Equatable {
    /// The blocked domain (the destination's host; every path and port of it shares the block).
    public var destination: String
    /// Seconds until the block lifts, rounded up.
    public var timeLeft: Int
    /// Failure kinds within the window that caused the block.
    public var reasons: [Reason]

    /// One failure kind behind a block.
    public struct Reason: Sendable, Equatable {
        /// What failed, e.g. `HTTP 500` or `Timeout`.
        public var failureDescription: String
        /// How many attempts failed this way.
        public var count: Int
        /// When it last happened, unix seconds.
        public var timestamp: Int
    }
}
