import ClerkAPI
import Foundation
import Logging
import Reliability
import StorefrontRegistry
import SyncStore

/// Forwards accepted shopper events from the event log to Clerk's tracking endpoints.
///
/// The events run on the one ``QueueRunner`` loop: each pass claims a batch in log order under a short lease
/// that is renewed while it is sent (so a crashed forwarder's events are taken over within a lease, and a
/// restart resumes where the log stopped), plans each event's Clerk calls (`EventPlan`), and sends them over the
/// shared, pooled HTTP client with up to `concurrency` calls in flight. One visitor's events go one after
/// another, in log order, so a basket is never updated out of order. Before an event with a verified customer
/// or a typed email, the visitor is linked to the email by `log/email`, once per visitor.
///
/// Each event is marked forwarded as soon as Clerk accepted all its calls, so it reaches Clerk at least once
/// and, short of a crash between Clerk's answer and the mark, exactly once. Failures are the runner's to judge:
/// - Clerk refusing an event (a 4xx, `ParsingError`, `LogicalError`) dead-letters it with its payload and
///   Clerk's answer; `dlq replay` puts it back.
/// - When no call of a pass reached Clerk and the failures were transient, Clerk is down: the events wait it
///   out without using attempts, longer the longer it lasts, for up to `outageGrace` after they were accepted
///   (so a lone event Clerk always answers with a 5xx is dead-lettered in the end, while an outage of hours
///   dead-letters nothing), and are brought forward as soon as Clerk answers again.
/// - A transient failure while Clerk accepts other events counts an attempt; after `maxAttempts` the event is
///   dead-lettered. `Retry-After` is honoured without counting.
public final class EventForwarder: Sendable {
    /// The storage the forwarder needs.
    public typealias Storage = ShopperBaskets & ShopperAttribution & DeadLetterQueue
    /// Hands a storefront purchase to the sale logger: `(orderID, storefront)`.
    public typealias PurchaseHandoff = @Sendable (_ orderID: Int, _ storefront: String) async throws -> Void

    /// The dead-letter kind of an event Clerk refused.
    public static let deadLetterKind = "event"

    private let store: any Storage
    private let logger: Logger
    private let runner: QueueRunner<EventQueue>

    /// How long forwarded events are kept (their ids deduplicate redeliveries for that long).
    public static let eventRetention: TimeInterval = 7 * 86_400
    /// How long carts, purchase reports and email links are kept for attribution, and shopper baskets.
    public static let attributionRetention: TimeInterval = 30 * 86_400
    /// How often old events, attributions and baskets are purged.
    static let housekeepingInterval: Duration = .seconds(3_600)

    /// Creates a forwarder for the storefronts of `storefronts`, each into its Clerk store.
    ///
    /// - Parameters:
    ///   - purchases: called for each `order_purchased` event after its visitor was recorded (queue the
    ///     order for the sale logger there); nil records the visitor only.
    ///   - owner: this forwarder's lease owner name, unique per process.
    ///   - signal: wakes the forwarder when events are accepted in this process.
    public init(
        store: any Storage, clerk: ClerkClient, storefronts: StorefrontRegistry,
        configuration: ForwarderConfiguration = ForwarderConfiguration(), purchases: PurchaseHandoff? = nil,
        owner: String = ProcessName.unique("forwarder"), signal: WorkSignal = WorkSignal(), logger: Logger
    ) {
        self.store = store
        self.logger = logger
        let sender = EventSender(
            store: store, clerk: clerk, storefronts: storefronts, concurrency: configuration.concurrency,
            searchLabels: configuration.searchLabels, purchases: purchases)
        runner = QueueRunner(
            name: "events", queue: EventQueue(store: store, deadLetterKind: Self.deadLetterKind),
            configuration: RunnerConfiguration(
                owner: owner, lease: configuration.lease, batchSize: configuration.batchSize,
                maxAttempts: configuration.maxAttempts,
                backoff: RetryPolicy(base: .seconds(1), cap: configuration.maxOutageBackoff),
                outageGrace: configuration.outageGrace, pollInterval: configuration.idlePoll),
            health: clerk.health, signal: signal, logger: logger
        ) { batch, settler in await sender.send(batch, settler: settler) }
    }

    /// Forwards until ``stop()`` or cancellation, waking on the signal (new events in this process) or every
    /// `idlePoll`. `stop()` lets the pass in progress finish; events held when cancelled are put back at once.
    /// Once an hour it purges forwarded events past `eventRetention`, and attributions and baskets past
    /// `attributionRetention`.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.runner.run() }
            group.addTask {
                while self.runner.lifecycle != .stopped, self.runner.lifecycle != .stopping, !Task.isCancelled {
                    await self.housekeep(now: Date())
                    try? await Task.sleep(for: Self.housekeepingInterval)
                }
            }
            await group.next()
            group.cancelAll()
        }
    }

    /// Asks ``run()`` to return after the pass in progress.
    public func stop() {
        runner.stop()
    }

    private func housekeep(now: Date) async {
        do {
            let events = try await store.purgeForwardedEvents(before: now.addingTimeInterval(-Self.eventRetention))
            let cutoff = now.addingTimeInterval(-Self.attributionRetention)
            let attributions = try await store.purgeAttributions(before: cutoff)
            let baskets = try await store.purgeBaskets(before: cutoff)
            if events + attributions + baskets > 0 {
                logger.info(
                    "purged old events",
                    metadata: ["events": "\(events)", "attributions": "\(attributions)", "baskets": "\(baskets)"])
            }
        } catch {
            logger.warning("event housekeeping failed", metadata: ["error": "\(error)"])
        }
    }

    /// Runs one pass at `now`: claims due events, forwards them, and records each outcome.
    @discardableResult
    public func forwardOnce(now: Date) async throws -> RunnerPass {
        try await runner.runOnce(now: now)
    }
}
