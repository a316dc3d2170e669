import Foundation

/// A webhook delivery waiting for the inbox's next transaction (``GroupCommit``), with the jobs it queues.
package struct ArrivingDelivery: Sendable {
    /// The delivery as received.
    package var delivery: WebhookDelivery
    /// The jobs it queues: keys and payloads.
    package var jobs: [(JobKey, [UInt8])]
    /// When it was received.
    package var now: Date

    /// A delivery received at `now` that queues `jobs`.
    package init(delivery: WebhookDelivery, jobs: [(JobKey, [UInt8])], now: Date) {
        self.delivery = delivery
        self.jobs = jobs
        self.now = now
    }
}
