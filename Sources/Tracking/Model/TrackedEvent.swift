import Foundation
import JSONSupport

/// One validated storefront event from `POST /v1/events` (contract.md).
///
/// `storefront` stays nil when the event did not name one; the route defaults it to the first declared
/// storefront, which this model does not know. `customerToken` is kept as sent; verify it with
/// `CustomerTokenVerifier`.
///
/// Its `Encodable` form is the canonical JSON for storage: the wire fields with snake_case names,
/// `occurred_at` in UTC with milliseconds, prices as JSON numbers, absent values omitted.
/// `canonicalJSON()` writes it with sorted keys; `init(canonicalJSON:)` reads it back.
public struct TrackedEvent: Sendable, Hashable {
    /// The sender's id for the event, 1–64 characters, unique within its batch.
    public var id: String
    /// The storefront the event happened on, nil for the default one.
    public var storefront: String?
    /// The anonymous visitor, `[A-Za-z0-9]{1,32}`.
    public var visitorID: String
    /// When the event happened (millisecond precision).
    public var occurredAt: Date
    /// The BigCommerce current-customer JWT the storefront sent, unverified.
    public var customerToken: String?
    /// What happened.
    public var kind: TrackedEventKind

    /// Creates an event.
    public init(
        id: String, storefront: String? = nil, visitorID: String, occurredAt: Date, customerToken: String? = nil,
        kind: TrackedEventKind
    ) {
        self.id = id
        self.storefront = storefront
        self.visitorID = visitorID
        self.occurredAt = occurredAt
        self.customerToken = customerToken
        self.kind = kind
    }

    /// The wire `type`.
    public var type: EventType { kind.type }

    /// The canonical JSON (sorted keys) for storage.
    public func canonicalJSON() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every member is a string, number, array or object, so encoding cannot fail.
        return (try? Array(encoder.encode(self))) ?? []
    }

    /// Reads an event back from its canonical JSON (or any valid wire event), without the time window check.
    public init(canonicalJSON: [UInt8]) throws(EventRejection) {
        guard let value = JSONValue.parse(canonicalJSON) else {
            throw EventRejection(index: 0, id: nil, code: .invalidField, message: "event is not valid JSON")
        }
        self = try EventValidator(limits: .default, now: nil).validate(value, index: 0).get()
    }
}

extension TrackedEvent: Encodable {
    enum CodingKeys: String, CodingKey {
        case id, type, storefront
        case visitorID = "visitor_id"
        case occurredAt = "occurred_at"
        case customerToken = "customer_token"
        case productID = "product_id"
        case variantID = "variant_id"
        case categoryID = "category_id"
        case query, source, api, position, labels, quantity, items, price, email
        case cartID = "cart_id"
        case orderID = "order_id"
    }

    /// Encodes the canonical form: the wire fields of the event's `type`, absent values omitted.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(type.rawValue, forKey: .type)
        try c.encodeIfPresent(storefront, forKey: .storefront)
        try c.encode(visitorID, forKey: .visitorID)
        try c.encode(RFC3339Timestamp.format(occurredAt), forKey: .occurredAt)
        try c.encodeIfPresent(customerToken, forKey: .customerToken)
        switch kind {
        case .productViewed(let productID, let variantID):
            try c.encode(productID, forKey: .productID)
            try c.encodeIfPresent(variantID, forKey: .variantID)
        case .categoryViewed(let categoryID):
            try c.encode(categoryID, forKey: .categoryID)
        case .searchPerformed(let query):
            try c.encode(query, forKey: .query)
        case .productClicked(let productID, let source):
            try c.encode(productID, forKey: .productID)
            var s = c.nestedContainer(keyedBy: CodingKeys.self, forKey: .source)
            try s.encode(source.api, forKey: .api)
            try s.encode(source.position, forKey: .position)
            try s.encode(source.labels, forKey: .labels)
        case .cartItemAdded(let line, let cartID), .cartItemRemoved(let line, let cartID):
            try c.encode(line.productID, forKey: .productID)
            try c.encodeIfPresent(line.variantID, forKey: .variantID)
            try c.encode(line.quantity, forKey: .quantity)
            try c.encodeIfPresent(cartID, forKey: .cartID)
        case .cartUpdated(let items, let cartID), .checkoutStarted(let items, let cartID):
            var list = c.nestedUnkeyedContainer(forKey: .items)
            for line in items {
                var item = list.nestedContainer(keyedBy: CodingKeys.self)
                try item.encode(line.productID, forKey: .productID)
                try item.encodeIfPresent(line.variantID, forKey: .variantID)
                try item.encode(line.quantity, forKey: .quantity)
            }
            try c.encodeIfPresent(cartID, forKey: .cartID)
        case .orderPurchased(let orderID, let items):
            try c.encode(orderID, forKey: .orderID)
            var list = c.nestedUnkeyedContainer(forKey: .items)
            for line in items {
                var item = list.nestedContainer(keyedBy: CodingKeys.self)
                try item.encode(line.productID, forKey: .productID)
                try item.encodeIfPresent(line.variantID, forKey: .variantID)
                try item.encode(line.quantity, forKey: .quantity)
                try item.encode(line.price, forKey: .price)
            }
        case .emailIdentified(let email):
            try c.encode(email, forKey: .email)
        }
    }
}
