import Foundation
import JSONSupport
import SyncStore

/// An event as the event log keeps it: validated, on a known storefront, with the customer its token proved.
///
/// The customer token itself is never stored: it is verified once on intake (it lives 15 minutes) and only
/// the identity it proved is kept. The stored payload is the event's canonical JSON plus, when a token
/// verified, a `verified_customer` object; nothing on the wire can set that member, because intake builds
/// the payload from the validated event, which has no such field.
public struct AcceptedEvent: Sendable, Hashable {
    /// The storefront the event belongs to (the default one filled in).
    public var storefront: String
    /// The event, its `storefront` set and its `customerToken` removed.
    public var event: TrackedEvent
    /// The signed-in customer a verified token named; nil for an anonymous visitor.
    public var customer: CustomerIdentity?

    /// Creates an accepted event; the event's token is dropped and its storefront set to `storefront`.
    public init(storefront: String, event: TrackedEvent, customer: CustomerIdentity?) {
        var event = event
        event.storefront = storefront
        event.customerToken = nil
        self.storefront = storefront
        self.event = event
        self.customer = customer
    }

    /// The row the event log stores.
    public func shopperEvent() -> ShopperEvent {
        ShopperEvent(
            eventID: event.id, storefront: storefront, type: event.type.rawValue, visitor: event.visitorID,
            occurredAt: event.occurredAt, payload: payload())
    }

    /// The stored payload: canonical event JSON with `verified_customer` when there is one.
    public func payload() -> [UInt8] {
        var bytes = event.canonicalJSON()
        guard let customer, bytes.last == UInt8(ascii: "}") else { return bytes }
        var member: [String: Any] = ["id": customer.customerID, "email": customer.email]
        if let group = customer.groupID { member["group_id"] = group }
        guard let encoded = try? JSONSerialization.data(withJSONObject: member, options: [.sortedKeys]) else {
            return bytes
        }
        bytes.removeLast()
        bytes += Array(#","verified_customer":"#.utf8) + Array(encoded) + [UInt8(ascii: "}")]
        return bytes
    }

    /// Reads a stored event back from the log.
    public init(stored: ShopperEvent) throws(EventRejection) {
        let event = try TrackedEvent(canonicalJSON: stored.payload)
        var customer: CustomerIdentity?
        if let member = JSONValue.parse(stored.payload)?["verified_customer"], case .object = member,
            case .number(let id)? = member["id"], let customerID = Int(id),
            case .string(let email)? = member["email"]
        {
            var group: Int?
            if case .number(let text)? = member["group_id"] { group = Int(text) }
            customer = CustomerIdentity(customerID: customerID, email: email, groupID: group)
        }
        self.init(storefront: stored.storefront, event: event, customer: customer)
    }
}
