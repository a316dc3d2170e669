/// What ``WebhookInbox/accept(_:jobs:now:)`` did.
public enum DeliveryOutcome: Sendable, Equatable {
    /// The delivery was stored under this id and its jobs enqueued.
    case accepted(Int64)
    /// A delivery with the same payload hash or webhook id was already stored (this id); nothing changed.
    case duplicate(Int64)

    /// The id of the stored delivery, new or earlier.
    public var deliveryID: Int64 {
        switch self {
        case .accepted(let id), .duplicate(let id): id
        }
    }
}
