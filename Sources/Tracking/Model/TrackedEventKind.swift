/// What happened in a storefront event, with the typed fields of its `type`.
public enum TrackedEventKind: Sendable, Hashable {
    /// `product_viewed`: `product_id`, optional `variant_id`.
    case productViewed(productID: Int, variantID: Int?)
    /// `category_viewed`: `category_id`.
    case categoryViewed(categoryID: Int)
    /// `search_performed`: `query`.
    case searchPerformed(query: String)
    /// `product_clicked`: `product_id`, `source`.
    case productClicked(productID: Int, source: ClickSource)
    /// `cart_item_added`: `product_id`, optional `variant_id`, `quantity`, optional `cart_id`.
    case cartItemAdded(CartLine, cartID: String?)
    /// `cart_item_removed`: `product_id`, optional `variant_id`, `quantity`, optional `cart_id`.
    case cartItemRemoved(CartLine, cartID: String?)
    /// `cart_updated`: the whole cart's `items`, optional `cart_id`.
    case cartUpdated(items: [CartLine], cartID: String?)
    /// `checkout_started`: `items`, optional `cart_id`.
    case checkoutStarted(items: [CartLine], cartID: String?)
    /// `order_purchased`: `order_id`, `items` with prices.
    case orderPurchased(orderID: Int, items: [OrderLine])
    /// `email_identified`: `email`.
    case emailIdentified(email: String)

    /// The wire `type` of this kind.
    public var type: EventType {
        switch self {
        case .productViewed: .productViewed
        case .categoryViewed: .categoryViewed
        case .searchPerformed: .searchPerformed
        case .productClicked: .productClicked
        case .cartItemAdded: .cartItemAdded
        case .cartItemRemoved: .cartItemRemoved
        case .cartUpdated: .cartUpdated
        case .checkoutStarted: .checkoutStarted
        case .orderPurchased: .orderPurchased
        case .emailIdentified: .emailIdentified
        }
    }
}
