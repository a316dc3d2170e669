import Foundation

/// Verified webhook deliveries, stored together with the jobs they cause.
public protocol WebhookInbox: Sendable {
    /// Stores `delivery` and enqueues `jobs` (each a key and payload, due at `now`, coalescing as
    /// ``JobQueue/enqueue(_:payload:runAt:now:)`` does) in one transaction: both happen or neither.
    ///
    /// A delivery whose payload hash or webhook id was already stored is a duplicate: nothing is written
    /// and the earlier delivery's id is returned.
    func accept(_ delivery: WebhookDelivery, jobs: [(JobKey, [UInt8])], now: Date) async throws -> DeliveryOutcome

    /// Up to `limit` stored deliveries, most recent first.
    func deliveries(limit: Int) async throws -> [StoredWebhookDelivery]
}
