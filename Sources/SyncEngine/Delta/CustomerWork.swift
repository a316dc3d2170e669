/// What a worker needs to run the order history import, the customer sync and the audience syncs, and how it
/// schedules them.
public struct CustomerWork: Sendable {
    /// The order history import.
    public var orders: OrderHistoryImport
    /// The customer sync.
    public var customers: CustomerSync
    /// The audience syncs.
    public var audiences: AudienceSync
    /// Whether the order history and the customers are imported by themselves the first time the worker starts
    /// against storefronts that never had them (`sync.import_history`).
    public var importOnFirstStart: Bool
    /// How often every configured audience is synced; nil: never by schedule (`sync.audience_interval`).
    public var audienceInterval: Duration?
    /// Told how an import goes, a line for the operator at a time (the command line's progress on standard error).
    public var progress: (@Sendable (String) -> Void)?

    /// Creates the work.
    public init(
        orders: OrderHistoryImport, customers: CustomerSync, audiences: AudienceSync, importOnFirstStart: Bool = true,
        audienceInterval: Duration? = .seconds(3_600)
    ) {
        self.orders = orders
        self.customers = customers
        self.audiences = audiences
        self.importOnFirstStart = importOnFirstStart
        self.audienceInterval = audienceInterval
    }
}
