import Foundation

/// A visitor's basket as clerkbridge kept it from the storefront's cart events: what an abandoned-cart email
/// shows, since Clerk cannot give a basket back.
public struct ShopperBasket: Sendable, Hashable {
    /// The storefront.
    public var storefront: String
    /// The visitor the basket belongs to.
    public var visitor: String
    /// The products, in the order they were first added; never empty in a basket returned by a lookup.
    public var lines: [BasketLine]
    /// When its products last changed (the latest `occurred_at` of the cart events applied to it).
    public var updatedAt: Date

    /// Creates a basket.
    public init(storefront: String, visitor: String, lines: [BasketLine], updatedAt: Date) {
        self.storefront = storefront
        self.visitor = visitor
        self.lines = lines
        self.updatedAt = updatedAt
    }
}
