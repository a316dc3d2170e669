/// The `type` of a storefront event, spelled as on the wire.
public enum EventType: String, Sendable, Hashable, CaseIterable {
    /// A product page was viewed.
    case productViewed = "product_viewed"
    /// A category page was viewed.
    case categoryViewed = "category_viewed"
    /// A search was run.
    case searchPerformed = "search_performed"
    /// A product shown by a Clerk placement or search was clicked.
    case productClicked = "product_clicked"
    /// One product was added to the cart.
    case cartItemAdded = "cart_item_added"
    /// One product was removed from the cart.
    case cartItemRemoved = "cart_item_removed"
    /// The whole cart content after a change.
    case cartUpdated = "cart_updated"
    /// The shopper entered the checkout.
    case checkoutStarted = "checkout_started"
    /// An order was placed.
    case orderPurchased = "order_purchased"
    /// The shopper gave an email address (newsletter, login, checkout).
    case emailIdentified = "email_identified"
}
