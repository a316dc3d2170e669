/// What one forwarding pass did.
public struct ForwardingPass: Sendable, Hashable {
    /// Events claimed.
    public var claimed = 0
    /// Events Clerk accepted.
    public var forwarded = 0
    /// Events put back for a later attempt (counted or not).
    public var retrying = 0
    /// Events dead-lettered.
    public var dead = 0
    /// Whether Clerk looked unavailable: every call of the pass failed transiently.
    public var outage = false
    /// Clerk calls made.
    public var calls = 0

    /// An empty pass.
    public init() {}
}
