import Foundation

/// Verified webhook deliveries, stored together with the jobs they cause.
public protocol WebhookInbox: Sendable {
    /// Stores `delivery` and enqueues `jobs` (each a key and payload, due at `now`, coalescing as
    /// ``JobQueue/enqueue(_:payload:runAt:now:)`` does) in one transaction: both happen or neither.
    ///
    /// A delivery whose webhook id was already stored is a duplicate: nothing is written and the earlier
    /// delivery's id is returned. Without a webhook id, one whose payload hash was already stored is a
    /// duplicate too, but its jobs are still enqueued (merging into pending ones): such a hash cannot tell a
    /// redelivery from a new edit of the same entity, and a job that re-reads current state costs little.
    func accept(_ delivery: WebhookDelivery, jobs: [(JobKey, [UInt8])], now: Date) async throws -> DeliveryOutcome

    /// Up to `limit` stored deliveries, most recent first.
    func deliveries(limit: Int) async throws -> [StoredWebhookDelivery]

    /// Deletes deliveries received before `before` (their jobs are unaffected); returns how many.
    /// Deduplication only reaches back that far, so keep them longer than BigCommerce retries (48 h).
    @discardableResult
    func purgeDeliveries(before: Date) async throws -> Int
}
