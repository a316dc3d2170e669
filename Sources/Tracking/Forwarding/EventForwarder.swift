import ClerkAPI
import Foundation
import Logging
import Synchronization
import SyncStore

/// Forwards accepted shopper events from the event log to Clerk's tracking endpoints.
///
/// Each pass claims a batch under a lease (so a crashed forwarder's events are taken over when it expires,
/// and a restart resumes where the log stopped), plans each event's Clerk calls (`EventPlan`), and sends
/// them over the shared, pooled HTTP client with up to `concurrency` calls in flight. One visitor's events
/// go one after another, in log order, so a basket is never updated out of order. Before an event with a
/// verified customer, the visitor is linked to the customer's email by `log/email`, once per visitor.
///
/// Failures:
/// - Clerk refusing an event (a 4xx, `ParsingError`, `LogicalError`) dead-letters it with its payload and
///   Clerk's answer; `dlq replay` puts it back.
/// - When Clerk accepted no call of a pass and every failure was transient (network, timeout, 5xx, 429),
///   Clerk is unavailable: the events wait it out without using attempts, with a backoff that grows with
///   the outage, for up to `outageGrace` after they were accepted (so a lone event Clerk always answers
///   with a 5xx is dead-lettered in the end, while an outage of hours dead-letters nothing).
/// - A transient failure while Clerk accepts other events counts an attempt; after `maxAttempts` the
///   event is dead-lettered. `Retry-After` is honoured without counting.
/// - An event is marked forwarded only after Clerk accepted all of its calls, so it reaches Clerk at least
///   once and, short of a crash between Clerk's answer and the mark, exactly once.
public final class EventForwarder: Sendable {
    /// The storage the forwarder needs.
    public typealias Storage = ShopperBaskets & ShopperAttribution & DeadLetterQueue
    /// Hands a storefront purchase to the sale logger: `(orderID, storefront)`.
    public typealias PurchaseHandoff = @Sendable (_ orderID: Int, _ storefront: String) async throws -> Void

    /// The dead-letter kind of an event Clerk refused.
    public static let deadLetterKind = "event"

    private let store: any Storage
    private let clerk: ClerkClient
    private let keys: [String: ClerkStoreKeys]
    private let configuration: ForwarderConfiguration
    private let purchases: PurchaseHandoff?
    private let owner: String
    private let logger: Logger
    private let state = Mutex(State())

    private struct State {
        var outageStreak = 0
        var linkedEmails: Set<String> = []
        var stopping = false
        var wake: WorkSignal?
        var lastHousekeeping: Date?
    }

    /// How long forwarded events are kept (their ids deduplicate redeliveries for that long).
    public static let eventRetention: TimeInterval = 7 * 86_400
    /// How long carts, purchase reports and email links are kept for attribution, and shopper baskets.
    public static let attributionRetention: TimeInterval = 30 * 86_400

    /// Creates a forwarder for the storefronts in `keys` (storefront name → its Clerk store).
    ///
    /// - Parameters:
    ///   - purchases: called for each `order_purchased` event after its visitor was recorded (queue the
    ///     order for the sale logger there); nil records the visitor only.
    ///   - owner: this forwarder's lease owner name, unique per process.
    public init(
        store: any Storage, clerk: ClerkClient, keys: [String: ClerkStoreKeys],
        configuration: ForwarderConfiguration = ForwarderConfiguration(), purchases: PurchaseHandoff? = nil,
        owner: String = "forwarder-\(UUID().uuidString.prefix(8))", logger: Logger
    ) {
        self.store = store
        self.clerk = clerk
        self.keys = keys
        self.configuration = configuration
        self.purchases = purchases
        self.owner = owner
        self.logger = logger
    }

    /// Forwards until `stop()` or cancellation, waking on `signal` (new events in this process) or every
    /// `idlePoll`. `stop()` lets the pass in progress finish; events held when cancelled are put back at once.
    /// Once an hour it purges forwarded events past `eventRetention`, and attributions and baskets past
    /// `attributionRetention`.
    public func run(signal: WorkSignal?) async {
        let wake = signal ?? WorkSignal()
        state.withLock { $0.wake = wake }
        while !Task.isCancelled, !state.withLock({ $0.stopping }) {
            await housekeepIfDue(now: Date())
            do {
                let pass = try await forwardOnce(now: Date())
                if pass.claimed == 0 || pass.outage {
                    await wake.wait(timeout: pass.outage ? .milliseconds(250) : configuration.idlePoll)
                }
            } catch {
                logger.error("event forwarding pass failed", metadata: ["error": "\(type(of: error))"])
                await wake.wait(timeout: configuration.idlePoll)
            }
        }
    }

    /// Asks `run` to return after the pass in progress.
    public func stop() {
        let wake = state.withLock { state in
            state.stopping = true
            return state.wake
        }
        wake?.notify()
    }

    private func housekeepIfDue(now: Date) async {
        let due = state.withLock { state in
            guard state.lastHousekeeping.map({ now.timeIntervalSince($0) >= 3_600 }) ?? true else { return false }
            state.lastHousekeeping = now
            return true
        }
        guard due else { return }
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
            logger.warning("event housekeeping failed", metadata: ["error": "\(type(of: error))"])
        }
    }

    /// Runs one pass at `now`: claims due events, forwards them, and records each outcome.
    @discardableResult
    public func forwardOnce(now: Date) async throws -> ForwardingPass {
        let claimed = try await store.claimEvents(
            owner: owner, now: now, lease: configuration.lease, limit: configuration.batchSize)
        var pass = ForwardingPass()
        pass.claimed = claimed.count
        guard !claimed.isEmpty else { return pass }

        let results = await forward(groups: Self.visitorGroups(claimed))
        let cancelled = Task.isCancelled
        // Recording the outcomes must survive a cancellation (GRDB refuses writes from a cancelled task):
        // events Clerk accepted are marked, the rest put back at once.
        return try await Task { try await self.settle(claimed: claimed.count, results, cancelled: cancelled, now: now) }.value
    }

    private func settle(claimed: Int, _ results: [EventResult], cancelled: Bool, now: Date) async throws -> ForwardingPass {
        var pass = ForwardingPass()
        pass.claimed = claimed
        pass.calls = results.reduce(0) { $0 + $1.calls }
        let acceptedCalls = results.reduce(0) { $0 + $1.acceptedCalls }
        var forwarded: [Int64] = []
        var refused: [(LoggedEvent, EventFailure)] = []
        var failing: [(LoggedEvent, EventFailure)] = []
        var putBack: [LoggedEvent] = []
        for result in results {
            switch result.outcome {
            case .forwarded: forwarded.append(result.event.id)
            case .failed(let failure) where failure.isTransient: failing.append((result.event, failure))
            case .failed(let failure): refused.append((result.event, failure))
            case .notTried: putBack.append(result.event)
            }
        }
        try await store.markForwarded(ids: forwarded, owner: owner, now: now)
        pass.forwarded = forwarded.count

        for (event, failure) in refused {
            try await deadLetter(event, failure: failure, now: now)
        }
        pass.dead = refused.count

        // Clerk is down when it accepted no call of the pass and refused none (a refusal is an answer).
        pass.outage = !cancelled && acceptedCalls == 0 && refused.isEmpty && !failing.isEmpty
        let streak = state.withLock { state in
            if pass.outage { state.outageStreak += 1 } else if acceptedCalls > 0 { state.outageStreak = 0 }
            return state.outageStreak
        }
        var deferUntil: [Date: [Int64]] = [:]
        let outageWait = now.addingTimeInterval(outageBackoff(streak: streak))
        for (event, failure) in failing {
            if cancelled {
                deferUntil[now, default: []].append(event.id)
            } else if let retryAfter = failure.retryAfter {
                deferUntil[now.addingTimeInterval(Self.seconds(retryAfter)), default: []].append(event.id)
            } else if pass.outage, now.timeIntervalSince(event.receivedAt) < Self.seconds(configuration.outageGrace) {
                deferUntil[outageWait, default: []].append(event.id)
            } else {
                let retryAt = now.addingTimeInterval(retryBackoff(attempt: event.attempts + 1))
                if event.attempts + 1 >= configuration.maxAttempts {
                    // The letter first: a crash between the two leaves a letter and a retry, never a silent dead event.
                    try await addDeadLetter(event, failure: failure, now: now)
                }
                let newState = try await store.markFailed(
                    id: event.id, owner: owner, error: failure.message, transient: true, retryAt: retryAt,
                    maxAttempts: configuration.maxAttempts, now: now)
                if newState == .dead {
                    pass.dead += 1
                    continue
                }
            }
            pass.retrying += 1
        }
        for event in putBack {
            deferUntil[cancelled || !pass.outage ? now : outageWait, default: []].append(event.id)
            pass.retrying += 1
        }
        for (until, ids) in deferUntil {
            try await store.deferEvents(ids: ids, owner: owner, until: until, now: now)
        }
        if pass.outage {
            logger.warning("Clerk unavailable; events wait", metadata: ["events": "\(claimed)", "streak": "\(streak)"])
        }
        return pass
    }

    // MARK: - Forwarding

    private struct EventResult: Sendable {
        enum Outcome: Sendable {
            case forwarded
            case failed(EventFailure)
            case notTried
        }
        var event: LoggedEvent
        var outcome: Outcome
        /// Clerk calls made for the event, and how many Clerk accepted.
        var calls: Int
        var acceptedCalls: Int
    }

    /// Claimed events grouped per (storefront, visitor), each group in log order, groups in order of their first event.
    static func visitorGroups(_ events: [LoggedEvent]) -> [[LoggedEvent]] {
        var index: [String: Int] = [:]
        var groups: [[LoggedEvent]] = []
        for event in events {
            let key = event.event.storefront + "\u{0}" + event.event.visitor
            if let at = index[key] {
                groups[at].append(event)
            } else {
                index[key] = groups.count
                groups.append([event])
            }
        }
        return groups
    }

    private func forward(groups: [[LoggedEvent]]) async -> [EventResult] {
        await withTaskGroup(of: [EventResult].self) { taskGroup in
            var results: [EventResult] = []
            var next = 0
            func addGroup() {
                let group = groups[next]
                next += 1
                taskGroup.addTask { await self.forward(group: group) }
            }
            while next < min(groups.count, configuration.concurrency) { addGroup() }
            for await groupResults in taskGroup {
                results += groupResults
                if next < groups.count { addGroup() }
            }
            return results
        }
    }

    /// One visitor's events, one after another; after a failure the rest of the group is not tried.
    private func forward(group: [LoggedEvent]) async -> [EventResult] {
        var results: [EventResult] = []
        var stopped = false
        for event in group {
            if stopped || Task.isCancelled {
                results.append(EventResult(event: event, outcome: .notTried, calls: 0, acceptedCalls: 0))
                continue
            }
            var calls = CallCount()
            let outcome: EventResult.Outcome
            do {
                try await forward(event, calls: &calls)
                outcome = .forwarded
            } catch let failure as EventFailure {
                outcome = .failed(failure)
                stopped = true
            } catch {
                outcome = .failed(EventFailure(message: "\(type(of: error))", isTransient: true))
                stopped = true
            }
            results.append(EventResult(event: event, outcome: outcome, calls: calls.made, acceptedCalls: calls.accepted))
        }
        return results
    }

    private struct CallCount {
        var made = 0
        var accepted = 0
    }

    private func forward(_ logged: LoggedEvent, calls: inout CallCount) async throws {
        let accepted: AcceptedEvent
        do {
            accepted = try AcceptedEvent(stored: logged.event)
        } catch {
            throw EventFailure(message: "the stored event is unreadable: \(error.message)", isTransient: false)
        }
        guard let keys = keys[accepted.storefront] else {
            throw EventFailure(message: "storefront \(accepted.storefront) is not configured", isTransient: false)
        }
        let visitor = accepted.event.visitorID
        let email = accepted.customer?.email
        if let email {
            try await linkEmail(email, visitor: visitor, storefront: accepted.storefront, keys: keys, calls: &calls)
        }
        let plan = EventPlan(for: accepted.event, searchLabels: configuration.searchLabels)
        // Attribution first (intake records it too; both are idempotent), so a sale finds its visitor even
        // while Clerk is down.
        try await Self.storage {
            if let cartID = plan.cartID {
                try await self.store.recordCart(
                    cartID, visitor: visitor, storefront: accepted.storefront, at: accepted.event.occurredAt)
            }
            if let orderID = plan.purchasedOrderID {
                try await self.store.recordPurchase(
                    orderID: orderID, visitor: visitor, storefront: accepted.storefront,
                    customerID: accepted.customer?.customerID, at: accepted.event.occurredAt)
                try await self.purchases?(orderID, accepted.storefront)
            }
        }
        for signal in plan.signals {
            calls.made += 1
            try await Self.clerkCall {
                switch signal {
                case .productView(let productID):
                    try await self.clerk.logProductView(productID: productID, visitor: visitor, keys: keys)
                case .categoryView(let categoryID):
                    try await self.clerk.logCategoryView(categoryID: categoryID, visitor: visitor, keys: keys)
                case .click(let productID, let api, let position, let labels):
                    try await self.clerk.logClick(
                        productID: productID, visitor: visitor, api: api, position: position, labels: labels, keys: keys)
                case .cart(let action, let lines, let basketID):
                    try await self.clerk.logCart(
                        action, products: lines, visitor: visitor, email: email, basketID: basketID, keys: keys)
                case .search(let query, let labels):
                    try await self.clerk.recordSearch(query: query, visitor: visitor, labels: labels, keys: keys)
                }
            }
            calls.accepted += 1
        }
    }

    private func linkEmail(
        _ email: String, visitor: String, storefront: String, keys: ClerkStoreKeys, calls: inout CallCount
    ) async throws {
        let key = storefront + "\u{0}" + visitor + "\u{0}" + email.lowercased()
        if state.withLock({ $0.linkedEmails.contains(key) }) { return }
        let linked = try await Self.storage {
            try await self.store.isEmailLinked(email, visitor: visitor, storefront: storefront)
        }
        if !linked {
            calls.made += 1
            try await Self.clerkCall { try await self.clerk.logEmail(email: email, visitor: visitor, keys: keys) }
            calls.accepted += 1
            try await Self.storage {
                try await self.store.recordEmailLink(email, visitor: visitor, storefront: storefront, at: Date())
            }
        }
        state.withLock { state in
            if state.linkedEmails.count >= 100_000 { state.linkedEmails.removeAll(keepingCapacity: true) }
            state.linkedEmails.insert(key)
        }
    }

    // MARK: - Outcomes

    /// The letter is written before the event is marked dead: a crash between the two leaves a letter and an
    /// event that is tried again, never a dead event nobody can see.
    private func deadLetter(_ event: LoggedEvent, failure: EventFailure, now: Date) async throws {
        try await addDeadLetter(event, failure: failure, now: now)
        _ = try await store.markFailed(
            id: event.id, owner: owner, error: failure.message, transient: false, retryAt: now, maxAttempts: 1, now: now)
    }

    private func addDeadLetter(_ event: LoggedEvent, failure: EventFailure, now: Date) async throws {
        _ = try await store.addDeadLetter(
            DeadLetterDraft(
                storefront: event.event.storefront, kind: Self.deadLetterKind, entityID: event.event.eventID,
                requestPayload: event.event.payload, responseStatus: failure.httpStatus,
                responseBody: failure.responseBody, error: failure.message, attempts: event.attempts + 1),
            at: now)
        logger.error(
            "event dead-lettered",
            metadata: [
                "storefront": "\(event.event.storefront)", "event": "\(event.event.eventID)",
                "type": "\(event.event.type)", "error": "\(failure.message)",
            ])
    }

    private func outageBackoff(streak: Int) -> TimeInterval {
        let cap = Self.seconds(configuration.maxOutageBackoff)
        let base = min(cap, pow(2, Double(min(streak, 16))) * 0.5)
        return base / 2 + Double.random(in: 0...(base / 2))
    }

    private func retryBackoff(attempt: Int) -> TimeInterval {
        let base = min(300, pow(2, Double(min(attempt, 16))))
        return Double.random(in: 0...base)
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        let components = duration.components
        return Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// Runs a Clerk call, turning its error into an `EventFailure`.
    private static func clerkCall(_ body: () async throws -> Void) async throws(EventFailure) {
        do {
            try await body()
        } catch let error as ClerkError {
            throw EventFailure(error)
        } catch {
            throw EventFailure(message: "\(type(of: error))", isTransient: true)
        }
    }

    /// Runs a storage step; its failures are transient (the database is expected back).
    private static func storage<T>(_ body: () async throws -> T) async throws(EventFailure) -> T {
        do {
            return try await body()
        } catch {
            throw EventFailure(message: "storage: \(type(of: error))", isTransient: true)
        }
    }
}

/// Why forwarding one event failed.
struct EventFailure: Error, Sendable {
    var message: String
    var isTransient: Bool
    var retryAfter: Duration?
    var httpStatus: Int?
    var responseBody: [UInt8]?

    init(message: String, isTransient: Bool) {
        self.message = message
        self.isTransient = isTransient
    }

    init(_ error: ClerkError) {
        message = error.description
        isTransient = error.isTransient
        retryAfter = error.retryAfter
        httpStatus = error.httpStatus
        responseBody = error.responseBody.isEmpty ? nil : error.responseBody
    }
}
