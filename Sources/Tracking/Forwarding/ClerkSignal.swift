import ClerkAPI

/// One Clerk tracking call an event becomes, without the visitor and keys (the forwarder adds them).
public enum ClerkSignal: Sendable, Hashable {
    /// `log/product` with the parent product id.
    case productView(productID: Int)
    /// `log/category`.
    case categoryView(categoryID: Int)
    /// `log/click` for a product Clerk showed: `api`, `n` (position) and `labels`.
    case click(productID: Int, api: String, position: Int, labels: [String])
    /// `log/cart/add|remove|update` with parent product lines and the BigCommerce cart id as `basket_id`.
    case cart(CartAction, lines: [ClerkAPI.CartLine], basketID: String?)
    /// `search/search` with the query, the visitor and labels: how a storefront's own search is recorded.
    case search(query: String, labels: [String])
    /// `log/email`: the visitor typed this address (once per visitor and address).
    case emailLink(email: String)
}
