import Foundation
import JSONSupport

/// Customer and newsletter changes made the way shoppers and merchants make them: each changes ``SandboxStore`` and
/// emits the webhooks BigCommerce emits for it (reference §5.2; research note §2.5): `store/customer/created`,
/// `…/updated` and `…/deleted` `{type: "customer", id}`, `store/customer/channel/login/access/updated`
/// `{customer_id, channel_ids}`, `store/customer/address/updated` `{type: "customer", id: <address id>, address:
/// {customer_id}}`, and `store/subscriber/created|updated|deleted` `{type: "subscriber", id}`.
public struct SandboxCustomerEvents: Sendable {
    /// The store changed.
    public let store: SandboxStore
    /// Where the events go.
    public let webhooks: SandboxWebhooks

    /// Creates the helpers over a store and its webhooks.
    public init(store: SandboxStore, webhooks: SandboxWebhooks) {
        self.store = store
        self.webhooks = webhooks
    }

    /// A shopper registers: `store/customer/created`. An id of 0 takes the next one. Returns the customer.
    @discardableResult
    public func register(_ customer: SandboxCustomer) -> SandboxCustomer {
        var customer = customer
        customer.dateCreated = SandboxStore.now()
        customer.dateModified = customer.dateCreated
        let stored = store.setCustomer(customer)
        webhooks.emit(scope: "store/customer/created", data: ["type": "customer", "id": .int(stored.id)])
        return stored
    }

    /// An account changes (name, email, group): `store/customer/updated`. Returns the customer, or nil when there is
    /// none (nothing emitted).
    @discardableResult
    public func update(customerID: Int, _ change: (inout SandboxCustomer) -> Void) -> SandboxCustomer? {
        guard var customer = store.customer(id: customerID) else { return nil }
        change(&customer)
        customer.id = customerID
        customer.dateModified = SandboxStore.now()
        store.setCustomer(customer)
        webhooks.emit(scope: "store/customer/updated", data: ["type": "customer", "id": .int(customerID)])
        return customer
    }

    /// The merchant changes which channels an account may log in to (nil: global):
    /// `store/customer/channel/login/access/updated` `{customer_id, channel_ids}`.
    @discardableResult
    public func setChannels(customerID: Int, _ channels: [Int]?) -> SandboxCustomer? {
        guard var customer = store.customer(id: customerID) else { return nil }
        customer.channelIDs = channels
        customer.dateModified = SandboxStore.now()
        store.setCustomer(customer)
        let list: JSONValue = channels.map { .array($0.map(JSONValue.int)) } ?? .null
        webhooks.emit(scope: "store/customer/channel/login/access/updated", data: ["customer_id": .int(customerID), "channel_ids": list])
        return customer
    }

    /// An address of the account changes: `store/customer/address/updated` (the account itself does not).
    public func updateAddress(customerID: Int, addressID: Int) {
        webhooks.emit(scope: "store/customer/address/updated", data: [
            "type": "customer", "id": .int(addressID), "address": ["customer_id": .int(customerID)],
        ])
    }

    /// The account is deleted: `store/customer/deleted`. Returns whether it existed.
    @discardableResult
    public func delete(customerID: Int) -> Bool {
        guard store.removeCustomer(id: customerID) != nil else { return false }
        webhooks.emit(scope: "store/customer/deleted", data: ["type": "customer", "id": .int(customerID)])
        return true
    }

    /// Someone signs up for the newsletter (or a checkout opt-in is stored): `store/subscriber/created`. An id of 0
    /// takes the next one.
    @discardableResult
    public func subscribe(_ subscriber: SandboxSubscriber) -> SandboxSubscriber {
        var subscriber = subscriber
        subscriber.dateCreated = SandboxStore.now()
        subscriber.dateModified = subscriber.dateCreated
        let stored = store.setSubscriber(subscriber)
        webhooks.emit(scope: "store/subscriber/created", data: ["type": "subscriber", "id": .int(stored.id)])
        return stored
    }

    /// A subscription's consents change (an unsubscribe empties them): `store/subscriber/updated`.
    @discardableResult
    public func setConsents(subscriberID: Int, _ consents: [String]?) -> SandboxSubscriber? {
        guard var subscriber = store.subscriber(id: subscriberID) else { return nil }
        subscriber.consents = consents
        subscriber.dateModified = SandboxStore.now()
        store.setSubscriber(subscriber)
        webhooks.emit(scope: "store/subscriber/updated", data: ["type": "subscriber", "id": .int(subscriberID)])
        return subscriber
    }

    /// A subscription is deleted: `store/subscriber/deleted`.
    @discardableResult
    public func unsubscribe(subscriberID: Int) -> Bool {
        guard store.removeSubscriber(id: subscriberID) != nil else { return false }
        webhooks.emit(scope: "store/subscriber/deleted", data: ["type": "subscriber", "id": .int(subscriberID)])
        return true
    }
}
