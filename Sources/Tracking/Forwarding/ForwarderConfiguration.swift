/// How the event forwarder paces itself.
public struct ForwarderConfiguration: Sendable, Hashable {
    /// Events claimed per pass.
    public var batchSize: Int
    /// Clerk calls in flight at once (one visitor's events always go one after another).
    public var concurrency: Int
    /// How long a claim is held without a heartbeat before another forwarder may take the events over; it is
    /// renewed every third of that while a pass runs, so a killed process's events move within one lease.
    public var lease: Duration
    /// Failed attempts before an event that keeps failing while Clerk accepts others is dead-lettered.
    public var maxAttempts: Int
    /// How long an idle forwarder waits for a wake-up before looking again.
    public var idlePoll: Duration
    /// The longest wait between retries during a Clerk outage.
    public var maxOutageBackoff: Duration
    /// How long after its acceptance an event waits out a Clerk outage without using attempts.
    public var outageGrace: Duration
    /// The labels a recorded storefront search carries.
    public var searchLabels: [String]

    /// Creates a configuration; the defaults suit production.
    public init(
        batchSize: Int = 256, concurrency: Int = 32, lease: Duration = .seconds(15), maxAttempts: Int = 10,
        idlePoll: Duration = .seconds(1), maxOutageBackoff: Duration = .seconds(60), outageGrace: Duration = .seconds(86_400),
        searchLabels: [String] = ["Storefront search"]
    ) {
        self.batchSize = max(1, batchSize)
        self.concurrency = max(1, concurrency)
        self.lease = lease
        self.maxAttempts = max(1, maxAttempts)
        self.idlePoll = idlePoll
        self.maxOutageBackoff = maxOutageBackoff
        self.outageGrace = outageGrace
        self.searchLabels = searchLabels
    }
}
