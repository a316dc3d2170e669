/// The size limits of one `POST /v1/events` batch (contract.md: at most 500 events and 512 KB).
public struct EventLimits: Sendable, Hashable {
    /// The most events one batch may hold.
    public var maxEvents: Int
    /// The most bytes one batch body may have.
    public var maxBodyBytes: Int
    /// The most line items one event (`items`) may hold.
    public var maxItems: Int

    /// Creates limits.
    public init(maxEvents: Int = 500, maxBodyBytes: Int = 512 * 1024, maxItems: Int = 250) {
        self.maxEvents = maxEvents
        self.maxBodyBytes = maxBodyBytes
        self.maxItems = maxItems
    }

    /// The contract's limits: 500 events, 512 KB, 250 items per event.
    public static let `default` = EventLimits()
}
