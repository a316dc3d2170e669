import Foundation

/// A delivery kept by the ``WebhookInbox``, with the jobs it enqueued.
public struct StoredWebhookDelivery: Sendable, Codable, Equatable, Identifiable {
    /// The delivery's id in the inbox.
    public var id: Int64
    /// The delivery as received.
    public var delivery: WebhookDelivery
    /// When it was accepted.
    public var receivedAt: Date
    /// The ids of the jobs it inserted or coalesced into, in the order given.
    public var jobIDs: [Int64]

    /// Creates a stored delivery.
    public init(id: Int64, delivery: WebhookDelivery, receivedAt: Date, jobIDs: [Int64]) {
        self.id = id
        self.delivery = delivery
        self.receivedAt = receivedAt
        self.jobIDs = jobIDs
    }
}
