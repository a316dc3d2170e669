import Foundation
import Reliability

/// A shopper event as the event log stores it (see ``EventLog``): accepted from the storefront script or a
/// server, waiting to be forwarded to Clerk.
public struct ShopperEvent: Sendable, Equatable {
    /// The caller's event id (unique per storefront; the same id is forwarded once).
    public var eventID: String
    /// The storefront the event belongs to.
    public var storefront: String
    /// The event type, e.g. `product_viewed`.
    public var type: String
    /// The anonymous visitor id.
    public var visitor: String
    /// When the shopper did it.
    public var occurredAt: Date
    /// The validated event as canonical JSON (what the forwarder maps to a Clerk call).
    public var payload: [UInt8]

    /// Creates an event.
    public init(eventID: String, storefront: String, type: String, visitor: String, occurredAt: Date, payload: [UInt8]) {
        self.eventID = eventID
        self.storefront = storefront
        self.type = type
        self.visitor = visitor
        self.occurredAt = occurredAt
        self.payload = payload
    }
}

/// A stored shopper event with its place in the log and its forwarding state.
public struct LoggedEvent: Sendable, Equatable, Identifiable, QueuedWork {
    /// Where forwarding states are.
    public enum State: String, Sendable, Codable, CaseIterable {
        /// Waiting to be forwarded (again, after `nextAttemptAt`).
        case pending
        /// Claimed by a forwarder holding a lease.
        case forwarding
        /// Clerk accepted it.
        case forwarded
        /// It failed for good (dead-lettered by the forwarder).
        case dead
    }

    /// The log sequence number: events are forwarded in this order.
    public var id: Int64
    /// The event.
    public var event: ShopperEvent
    /// Its forwarding state.
    public var state: State
    /// Failed forwarding attempts so far.
    public var attempts: Int
    /// The last failure's error.
    public var lastError: String?
    /// When it was accepted.
    public var receivedAt: Date

    /// Creates a logged event.
    public init(id: Int64, event: ShopperEvent, state: State, attempts: Int, lastError: String?, receivedAt: Date) {
        self.id = id
        self.event = event
        self.state = state
        self.attempts = attempts
        self.lastError = lastError
        self.receivedAt = receivedAt
    }
}

/// What ``EventLog/append(_:now:)`` did with one event.
public enum AppendOutcome: Sendable, Equatable {
    /// Stored under this sequence number.
    case stored(Int64)
    /// The storefront already has an event with this id (stored under this number); nothing changed.
    case duplicate(Int64)
}

extension LoggedEvent {
    /// When the event was accepted (``QueuedWork``).
    public var queuedAt: Date { receivedAt }
}
