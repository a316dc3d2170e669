import Foundation

/// What the storefront told us about who a shopper is, kept so server-side sales can be tied to the visitor
/// who made them and a visitor's verified email is linked in Clerk once.
///
/// Written by the event forwarder (cart ids seen in cart events, the visitor of a storefront purchase event,
/// verified emails) and read by the sale logger. Rows older than the retention are purged.
public protocol ShopperAttribution: Sendable {
    /// Records that `visitor` used the BigCommerce cart `cartID` on `storefront` at `at` (the latest visitor wins).
    func recordCart(_ cartID: String, visitor: String, storefront: String, at: Date) async throws

    /// Records that the storefront reported `visitor` buying order `orderID` on `storefront` at `at`.
    func recordPurchase(orderID: Int, visitor: String, storefront: String, at: Date) async throws

    /// The visitor behind order `orderID`: the storefront's purchase report when there is one, else the last
    /// visitor seen with `cartID` (the cart that became the order), else nil.
    func buyer(orderID: Int, cartID: String?) async throws -> AttributedVisitor?

    /// Whether `email` was already linked to `visitor` on `storefront` (Clerk `log/email` was accepted).
    func isEmailLinked(_ email: String, visitor: String, storefront: String) async throws -> Bool

    /// Records that Clerk accepted `log/email` for `email` and `visitor` on `storefront`.
    func recordEmailLink(_ email: String, visitor: String, storefront: String, at: Date) async throws

    /// Deletes carts, purchases and email links last seen before `before`; returns how many rows went.
    @discardableResult
    func purgeAttributions(before: Date) async throws -> Int
}

/// A visitor found for an order by ``ShopperAttribution/buyer(orderID:cartID:)``.
public struct AttributedVisitor: Sendable, Hashable {
    /// How the visitor was found.
    public enum Evidence: String, Sendable, Hashable {
        /// The storefront sent a purchase event for the order.
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
