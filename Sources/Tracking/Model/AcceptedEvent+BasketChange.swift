import SyncStore

extension AcceptedEvent {
    /// What the event does to its visitor's basket, or nil when it does nothing to it.
    ///
    /// | event | basket |
    /// |---|---|
    /// | `cart_item_added` / `_removed` | adds / takes away the quantity of the parent product |
    /// | `cart_updated` | becomes its `items` (none: the cart was emptied) |
    /// | `checkout_started` | becomes its `items` when it lists some |
    /// | `order_purchased` | empties (the cart was bought) |
    /// | any other, with a verified customer | keeps its products, learns the verified email |
    ///
    /// Products are always the parent product (`product_id`); a `variant_id` never replaces it, so variants
    /// of one product are one line. Cart events carry the verified email too when there is one.
    public func basketChange() -> BasketChange? {
        let action: BasketChange.Action
        switch event.kind {
        case .cartItemAdded(let line, _):
            action = .add(productID: line.productID, quantity: line.quantity)
        case .cartItemRemoved(let line, _):
            action = .remove(productID: line.productID, quantity: line.quantity)
        case .cartUpdated(let items, _):
            action = .replace(items.map { BasketLine(productID: $0.productID, quantity: $0.quantity) })
        case .checkoutStarted(let items, _) where !items.isEmpty:
            action = .replace(items.map { BasketLine(productID: $0.productID, quantity: $0.quantity) })
        case .orderPurchased:
            action = .replace([])
        case .productViewed, .categoryViewed, .searchPerformed, .productClicked, .checkoutStarted, .emailIdentified:
            guard customer != nil else { return nil }
            action = .identify
        }
        return BasketChange(
            eventID: event.id, storefront: storefront, visitor: event.visitorID, email: customer?.email,
            at: event.occurredAt, action: action)
    }
}
