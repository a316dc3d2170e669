import Foundation
import SyncStore

/// `POST /v1/events` without HTTP: validates a batch event by event, settles each event's storefront and
/// identity, and appends the valid ones to the event log in one durable transaction before answering.
///
/// Per event, after `EventBatch`'s rules: an unknown `storefront` is rejected (`unknown_storefront`); a
/// `customer_token` is verified with `CustomerTokenVerifier`, and one that does not verify (forged,
/// expired, another store's) leaves the event anonymous rather than rejecting it. An `email_identified` event
/// (a newsletter sign-up, a checkout field) is kept with or without a token, as Clerk.js's `log/email` is: the
/// typed address is linked to the visitor in Clerk, and only a verified token makes the shopper a known
/// customer. An event whose id the storefront already has is a
/// redelivery: it counts as accepted and is stored and forwarded once.
///
/// Created over a `ShopperBaskets` store, the intake also keeps each visitor's basket: the basket changes of
/// the batch (`AcceptedEvent.basketChange()`) are applied in the append's transaction, so an answer of 200
/// means the baskets are stored too, and a redelivered event changes nothing twice.
public struct EventIntake: Sendable {
    private let log: any EventLog
    private let baskets: (any ShopperBaskets)?
    private let attribution: (any ShopperAttribution)?
    private let storefronts: Set<String>
    private let defaultStorefront: String
    private let verifier: CustomerTokenVerifier
    /// The limits batches are held to.
    public let limits: EventLimits

    /// Creates an intake for `storefronts` (declaration order; the first is the default, there must be one).
    ///
    /// With `attribution`, the carts and purchase reports of accepted events are recorded at once, so a sale
    /// finds its visitor even while the forwarder waits out a Clerk outage (the forwarder records them too).
    public init(
        log: any EventLog, attribution: (any ShopperAttribution)? = nil, storefronts: [String],
        verifier: CustomerTokenVerifier, limits: EventLimits = .default
    ) {
        self.init(
            log: log, baskets: nil, attribution: attribution, storefronts: storefronts, verifier: verifier, limits: limits)
    }

    /// Creates an intake like ``init(log:attribution:storefronts:verifier:limits:)`` whose event log is `store`,
    /// which also keeps the visitors' baskets, recorded with the events in one transaction.
    public init(
        store: any ShopperBaskets, attribution: (any ShopperAttribution)? = nil, storefronts: [String],
        verifier: CustomerTokenVerifier, limits: EventLimits = .default
    ) {
        self.init(
            log: store, baskets: store, attribution: attribution, storefronts: storefronts, verifier: verifier,
            limits: limits)
    }

    private init(
        log: any EventLog, baskets: (any ShopperBaskets)?, attribution: (any ShopperAttribution)?, storefronts: [String],
        verifier: CustomerTokenVerifier, limits: EventLimits
    ) {
        precondition(!storefronts.isEmpty, "an event intake needs at least one storefront")
        self.log = log
        self.baskets = baskets
        self.attribution = attribution
        self.storefronts = Set(storefronts)
        self.defaultStorefront = storefronts[0]
        self.verifier = verifier
        self.limits = limits
    }

    /// Accepts a raw request body at `now`; returns the contract's answer once the accepted events are durable.
    public func accept(_ body: [UInt8], now: Date) async throws(EventIntakeError) -> EventAnswer {
        let batch: EventBatch
        do {
            batch = try EventBatch.parse(body, limits: limits, now: now)
        } catch {
            throw .batch(error)
        }
        var rejections = batch.rejections
        var kept: [AcceptedEvent] = []
        var identities: [String: CustomerIdentity?] = [:]
        for (index, event) in batch.accepted {
            let storefront = event.storefront ?? defaultStorefront
            guard storefronts.contains(storefront) else {
                rejections.append(EventRejection(
                    index: index, id: event.id, code: .unknownStorefront,
                    message: "storefront \(QuotedValue.quoted(storefront)) is not configured"))
                continue
            }
            var customer: CustomerIdentity?
            if let token = event.customerToken {
                if let known = identities[token] {
                    customer = known
                } else {
                    customer = verifier.identity(from: token, now: now)
                    identities[token] = customer
                }
            }
            kept.append(AcceptedEvent(storefront: storefront, event: event, customer: customer))
        }
        if !kept.isEmpty {
            do {
                let events = kept.map { $0.shopperEvent() }
                if let baskets {
                    _ = try await baskets.append(events, basketChanges: kept.compactMap { $0.basketChange() }, now: now)
                } else {
                    _ = try await log.append(events, now: now)
                }
            } catch {
                throw .storage(String(describing: type(of: error)))
            }
            await recordAttribution(kept)
        }
        var answer = EventAnswer(batch: batch, accepted: kept.count)
        answer.rejected = rejections.sorted { $0.index < $1.index }
        return answer
    }

    /// Best effort: the events are durable already, and the forwarder records the same again if this fails.
    private func recordAttribution(_ events: [AcceptedEvent]) async {
        guard let attribution else { return }
        var carts: [CartSighting] = []
        var purchases: [PurchaseReport] = []
        for accepted in events {
            let event = accepted.event
            let plan = EventPlan(for: event, searchLabels: [])
            if let cartID = plan.cartID {
                carts.append(CartSighting(cartID: cartID, visitor: event.visitorID, storefront: accepted.storefront, at: event.occurredAt))
            }
            if let orderID = plan.purchasedOrderID {
                purchases.append(PurchaseReport(
                    orderID: orderID, visitor: event.visitorID, storefront: accepted.storefront,
                    customerID: accepted.customer?.customerID, at: event.occurredAt))
            }
        }
        try? await attribution.record(carts: carts, purchases: purchases)
    }
}

/// Why `EventIntake.accept` kept nothing of a batch.
public enum EventIntakeError: Error, Sendable, Hashable {
    /// The body is not a batch or is too large (4xx; see `EventBatchError`).
    case batch(EventBatchError)
    /// The event log could not store the events (HTTP 503; the sender should retry). Holds the error's type
    /// name only, never the payload.
    case storage(String)
}
