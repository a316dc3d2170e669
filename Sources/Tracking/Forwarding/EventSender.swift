import ClerkAPI
import Foundation
import Reliability
import StorefrontRegistry
import Synchronization
import SyncStore

/// Sends claimed shopper events to Clerk for the ``EventForwarder``: each event's planned calls, one visitor's
/// events one after another, visitors side by side.
final class EventSender: Sendable {
    private let store: any EventForwarder.Storage
    private let clerk: ClerkClient
    private let storefronts: StorefrontRegistry
    private let concurrency: Int
    private let searchLabels: [String]
    private let purchases: EventForwarder.PurchaseHandoff?
    /// Visitors known to be linked to an email in Clerk (bounded), to skip the store lookup.
    private let linkedEmails = Mutex<Set<String>>([])

    init(
        store: any EventForwarder.Storage, clerk: ClerkClient, storefronts: StorefrontRegistry, concurrency: Int,
        searchLabels: [String], purchases: EventForwarder.PurchaseHandoff?
    ) {
        self.store = store
        self.clerk = clerk
        self.storefronts = storefronts
        self.concurrency = concurrency
        self.searchLabels = searchLabels
        self.purchases = purchases
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

    /// Sends a claimed batch: visitor groups side by side, up to `concurrency` at once.
    func send(_ batch: [LoggedEvent], settler: WorkSettler<LoggedEvent>) async {
        let groups = Self.visitorGroups(batch)
        await withTaskGroup(of: Void.self) { taskGroup in
            var next = 0
            func addGroup() {
                let group = groups[next]
                next += 1
                taskGroup.addTask { await self.forward(group: group, settler: settler) }
            }
            while next < min(groups.count, concurrency) { addGroup() }
            for await _ in taskGroup where next < groups.count { addGroup() }
        }
    }

    /// One visitor's events, one after another; after a failure the rest of the group waits behind it.
    private func forward(group: [LoggedEvent], settler: WorkSettler<LoggedEvent>) async {
        var blocked = false
        for event in group {
            if blocked || Task.isCancelled {
                settler.settle(event, .skipped)
                continue
            }
            do {
                try await forward(event)
                settler.settle(event, .done)
            } catch {
                settler.settle(event, .failed(error))
                blocked = true
            }
        }
    }

    private func forward(_ logged: LoggedEvent) async throws {
        let accepted: AcceptedEvent
        do {
            accepted = try AcceptedEvent(stored: logged.event)
        } catch {
            throw EventForwardingError.unreadable(error.message)
        }
        guard let keys = storefronts.clerkKeys(for: accepted.storefront) else {
            throw EventForwardingError.unknownStorefront(accepted.storefront)
        }
        let visitor = accepted.event.visitorID
        let email = accepted.customer?.email
        if let email {
            try await linkEmail(email, visitor: visitor, storefront: accepted.storefront, keys: keys)
        }
        let plan = EventPlan(for: accepted.event, searchLabels: searchLabels)
        // Attribution first (intake records it too; both are idempotent), so a sale finds its visitor even
        // while Clerk is down.
        if let cartID = plan.cartID {
            try await store.recordCart(cartID, visitor: visitor, storefront: accepted.storefront, at: accepted.event.occurredAt)
        }
        if let orderID = plan.purchasedOrderID {
            try await store.recordPurchase(
                orderID: orderID, visitor: visitor, storefront: accepted.storefront,
                customerID: accepted.customer?.customerID, at: accepted.event.occurredAt)
            try await purchases?(orderID, accepted.storefront)
        }
        for signal in plan.signals {
            switch signal {
            case .productView(let productID):
                try await clerk.logProductView(productID: productID, visitor: visitor, keys: keys)
            case .categoryView(let categoryID):
                try await clerk.logCategoryView(categoryID: categoryID, visitor: visitor, keys: keys)
            case .click(let productID, let api, let position, let labels):
                try await clerk.logClick(
                    productID: productID, visitor: visitor, api: api, position: position, labels: labels, keys: keys)
            case .cart(let action, let lines, let basketID):
                try await clerk.logCart(action, products: lines, visitor: visitor, email: email, basketID: basketID, keys: keys)
            case .search(let query, let labels):
                try await clerk.recordSearch(query: query, visitor: visitor, labels: labels, keys: keys)
            case .emailLink(let typed):
                try await linkEmail(typed, visitor: visitor, storefront: accepted.storefront, keys: keys)
            }
        }
    }

    private func linkEmail(_ email: String, visitor: String, storefront: String, keys: ClerkStoreKeys) async throws {
        let key = storefront + "\u{0}" + visitor + "\u{0}" + email.lowercased()
        if linkedEmails.withLock({ $0.contains(key) }) { return }
        if try await !store.isEmailLinked(email, visitor: visitor, storefront: storefront) {
            try await clerk.logEmail(email: email, visitor: visitor, keys: keys)
            try await store.recordEmailLink(email, visitor: visitor, storefront: storefront, at: Date())
        }
        linkedEmails.withLock { linked in
            if linked.count >= 100_000 { linked.removeAll(keepingCapacity: true) }
            linked.insert(key)
        }
    }
}
