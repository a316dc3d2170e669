import Foundation

/// The webhook deliveries of one scope accepted over a period (``DashboardStore/webhookActivity(since:)``).
public struct WebhookScopeActivity: Sendable, Equatable {
    /// The scope, e.g. `store/product/updated`.
    public var scope: String
    /// Deliveries accepted.
    public var deliveries: Int
    /// When the latest was accepted.
    public var lastReceivedAt: Date

    /// Creates an entry.
    public init(scope: String, deliveries: Int, lastReceivedAt: Date) {
        self.scope = scope
        self.deliveries = deliveries
        self.lastReceivedAt = lastReceivedAt
    }
}
