import ClerkAPI

/// What forwarding one accepted event means (pure): the Clerk calls to make, in order, and what to remember
/// for sale attribution.
///
/// | event | Clerk | remembered |
/// |---|---|---|
/// | `product_viewed` | `log/product` | |
/// | `category_viewed` | `log/category` | |
/// | `search_performed` | `search/search` with the search labels | |
/// | `product_clicked` | `log/click` with `api`, `n`, `labels` | |
/// | `cart_item_added` / `_removed` | `log/cart/add` / `remove` | the cart's visitor |
/// | `cart_updated` | `log/cart/update` (the whole basket) | the cart's visitor |
/// | `checkout_started` | `log/cart/update` when it lists items | the cart's visitor |
/// | `order_purchased` | `log/cart/update` with no products (the basket became an order) | the order's visitor; the sale logger logs the sale |
/// | `email_identified` | `log/email` with the typed address, token or not (a verified customer's own email is linked before any of their events) | |
///
/// Product ids are always the parent product's (`product_id`; a `variant_id` never replaces it), and lines
/// of the same product are merged, since Clerk knows products, not variants. A storefront purchase event is
/// never logged as a sale from its own lines and prices: they come from the browser. It only names the
/// visitor; the sale logger reads the order from BigCommerce and logs it once.
public struct EventPlan: Sendable, Hashable {
    /// The Clerk calls, in order.
    public var signals: [ClerkSignal]
    /// The BigCommerce cart the visitor used, when the event names one.
    public var cartID: String?
    /// The order the visitor bought, for `order_purchased`.
    public var purchasedOrderID: Int?

    /// The plan for `event`; searches are recorded with `searchLabels`.
    public init(for event: TrackedEvent, searchLabels: [String]) {
        cartID = nil
        purchasedOrderID = nil
        switch event.kind {
        case .productViewed(let productID, _):
            signals = [.productView(productID: productID)]
        case .categoryViewed(let categoryID):
            signals = [.categoryView(categoryID: categoryID)]
        case .searchPerformed(let query):
            signals = [.search(query: query, labels: searchLabels)]
        case .productClicked(let productID, let source):
            signals = [.click(productID: productID, api: source.api, position: source.position, labels: source.labels)]
        case .cartItemAdded(let line, let cart):
            signals = [.cart(.add, lines: Self.merged([line]), basketID: cart)]
            cartID = cart
        case .cartItemRemoved(let line, let cart):
            signals = [.cart(.remove, lines: Self.merged([line]), basketID: cart)]
            cartID = cart
        case .cartUpdated(let items, let cart):
            signals = [.cart(.update, lines: Self.merged(items), basketID: cart)]
            cartID = cart
        case .checkoutStarted(let items, let cart):
            signals = items.isEmpty ? [] : [.cart(.update, lines: Self.merged(items), basketID: cart)]
            cartID = cart
        case .orderPurchased(let orderID, _):
            signals = [.cart(.update, lines: [], basketID: nil)]
            purchasedOrderID = orderID
        case .emailIdentified(let email):
            signals = [.emailLink(email: email)]
        }
    }

    /// Lines per parent product, quantities summed, in first-seen order.
    static func merged(_ lines: [CartLine]) -> [ClerkAPI.CartLine] {
        var order: [Int] = []
        var quantities: [Int: Int] = [:]
        for line in lines {
            if quantities[line.productID] == nil { order.append(line.productID) }
            quantities[line.productID, default: 0] += line.quantity
        }
        return order.map { ClerkAPI.CartLine(productID: $0, quantity: quantities[$0] ?? 0) }
    }
}
