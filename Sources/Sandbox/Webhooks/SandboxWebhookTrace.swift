import JSONSupport
import Synchronization

/// The webhooks one change caused: every event emitted while the trace is current
/// (``SandboxWebhooks/tracing(_:_:)``), the hooks each went to and how the latest attempt of each delivery went.
/// The control API reports it, so whoever drove the change sees whether the receiver took it.
///
/// ```swift
/// let trace = SandboxWebhookTrace()
/// SandboxWebhooks.tracing(trace) { sandbox.catalogEvents.setPrice(productID: 112, price: 9.5) }
/// _ = await trace.waitUntilSettled(timeout: .seconds(5))
/// ```
public final class SandboxWebhookTrace: Sendable {
    /// How a delivery stands after its latest attempt.
    public enum Outcome: Sendable, Equatable {
        /// Not attempted yet (queued, in the reorder window or held for a deny-listed domain).
        case pending
        /// The receiver answered 2xx.
        case delivered
        /// The attempt failed (`reason`, e.g. `HTTP 401` or `Connection failure`); `retryIn` is the wait before
        /// the next attempt, nil when none is left and the hook was deactivated.
        case failed(reason: String, retryIn: Duration?)
        /// Never sent: the hook was deleted or switched off before its turn.
        case dropped
    }

    /// One event's delivery to one hook.
    public struct Delivery: Sendable, Equatable {
        /// The hook's id.
        public var hookID: Int
        /// Where it is POSTed.
        public var destination: String
        /// How it stands.
        public var outcome: Outcome
    }

    /// One event emitted.
    public struct Event: Sendable, Equatable {
        /// Its scope, e.g. `store/product/updated`.
        public var scope: String
        /// Its `data`.
        public var data: JSONValue
        /// One per active hook whose scope matched (a duplicate BigCommerce sends as well is not listed).
        public var deliveries: [Delivery]
    }

    private let state = Mutex<[Event]>([])

    /// Creates an empty trace.
    public init() {}

    /// The events emitted so far, in order.
    public var events: [Event] {
        state.withLock { $0 }
    }

    /// Whether every delivery had an attempt (or was dropped).
    public var isSettled: Bool {
        state.withLock { events in events.allSatisfy { $0.deliveries.allSatisfy { $0.outcome != .pending } } }
    }

    /// Polls until ``isSettled`` or `timeout` passes; returns whether it settled.
    public func waitUntilSettled(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !isSettled {
            guard ContinuousClock.now < deadline, !Task.isCancelled else { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }

    /// Adds an event going to `hooks`; returns its index for ``record(event:hookID:_:)``.
    func emitted(scope: String, data: JSONValue, hooks: [SandboxHook]) -> Int {
        state.withLock { events in
            events.append(Event(
                scope: scope, data: data,
                deliveries: hooks.map { Delivery(hookID: $0.id, destination: $0.destination, outcome: .pending) }))
            return events.count - 1
        }
    }

    /// Sets the outcome of event `event`'s delivery to hook `hookID`.
    func record(event: Int, hookID: Int, _ outcome: Outcome) {
        state.withLock { events in
            guard events.indices.contains(event),
                let index = events[event].deliveries.firstIndex(where: { $0.hookID == hookID })
            else { return }
            events[event].deliveries[index].outcome = outcome
        }
    }
}
