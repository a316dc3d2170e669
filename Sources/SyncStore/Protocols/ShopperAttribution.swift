import Foundation

/// What the storefront told us about who a shopper is, kept so server-side sales can be tied to the visitor
/// who made them and a visitor's verified email is linked in Clerk once.
///
/// Written by the event forwarder (cart ids seen in cart events, the visitor of a storefront purchase event,
/// verified emails) and read by the sale logger. Rows older than the retention are purged.
public protocol ShopperAttribution: Sendable {
    /// Records carts seen with a visitor (the latest visitor of a cart wins) and storefront purchase reports (every
    /// report is kept: anyone can send one, so `buyer` decides which to believe), in one transaction.
    func record(carts: [CartSighting], purchases: [PurchaseReport]) async throws

    /// The visitor behind order `orderID`, whose cart was `cartID` and customer `customerID` (0 or nil for a
    /// guest): a purchase report corroborated by the order — its visitor used that cart, or its verified
    /// customer is the order's — else the last visitor seen with the cart, else nil. A report nothing
    /// corroborates is ignored, so a forged report cannot claim someone else's sale.
    func buyer(orderID: Int, cartID: String?, customerID: Int?) async throws -> AttributedVisitor?

    /// Whether `email` was already linked to `visitor` on `storefront` (Clerk `log/email` was accepted).
    func isEmailLinked(_ email: String, visitor: String, storefront: String) async throws -> Bool

    /// Records that Clerk accepted `log/email` for `email` and `visitor` on `storefront`.
    func recordEmailLink(_ email: String, visitor: String, storefront: String, at: Date) async throws

    /// Deletes carts, purchases and email links last seen before `before`; returns how many rows went.
    @discardableResult
    func purgeAttributions(before: Date) async throws -> Int
}

extension ShopperAttribution {
    /// Records that `visitor` used the BigCommerce cart `cartID` on `storefront` at `at`.
    public func recordCart(_ cartID: String, visitor: String, storefront: String, at: Date) async throws {
        try await record(carts: [CartSighting(cartID: cartID, visitor: visitor, storefront: storefront, at: at)], purchases: [])
    }

    /// Records that the storefront reported `visitor` buying order `orderID`, with the customer a verified token
    /// named in that report (nil for a guest).
    public func recordPurchase(orderID: Int, visitor: String, storefront: String, customerID: Int?, at: Date) async throws {
        try await record(
            carts: [],
            purchases: [
                PurchaseReport(orderID: orderID, visitor: visitor, storefront: storefront, customerID: customerID, at: at)
            ])
    }
}

/// A BigCommerce cart seen in a visitor's cart event.
public struct CartSighting: Sendable, Hashable {
    /// The cart id.
    public var cartID: String
    /// The visitor.
    public var visitor: String
    /// The storefront.
    public var storefront: String
    /// When the shopper used it.
    public var at: Date

    /// Creates a sighting.
    public init(cartID: String, visitor: String, storefront: String, at: Date) {
        self.cartID = cartID
        self.visitor = visitor
        self.storefront = storefront
        self.at = at
    }
}

/// A storefront's report that a visitor bought an order (an `order_purchased` event).
public struct PurchaseReport: Sendable, Hashable {
    /// The BigCommerce order id.
    public var orderID: Int
    /// The visitor.
    public var visitor: String
    /// The storefront.
    public var storefront: String
    /// The customer a verified token named in the report; nil for a guest.
    public var customerID: Int?
    /// When the shopper bought it.
    public var at: Date

    /// Creates a report.
    public init(orderID: Int, visitor: String, storefront: String, customerID: Int?, at: Date) {
        self.orderID = orderID
        self.visitor = visitor
        self.storefront = storefront
        self.customerID = customerID
        self.at = at
    }
}

/// A visitor found for an order by ``ShopperAttribution/buyer(orderID:cartID:)``.
public struct AttributedVisitor: Sendable, Hashable {
    /// How the visitor was found.
    public enum Evidence: String, Sendable, Hashable {
        /// The storefront sent a purchase event for the order, corroborated by its cart or customer.
        case purchaseEvent = "purchase_event"
        /// The visitor was seen with the cart that became the order.
        case cart
    }

    /// The visitor id.
    public var visitor: String
    /// The storefront the visitor was seen on.
    public var storefront: String
    /// How it was found.
    public var evidence: Evidence

    /// Creates an attribution.
    public init(visitor: String, storefront: String, evidence: Evidence) {
        self.visitor = visitor
        self.storefront = storefront
        self.evidence = evidence
    }
}
