/// What a page's `order` parameter gave the `post_purchase` placement.
public enum OrderContext: Sendable, Hashable {
    /// The order's products (from the sales ledger or BigCommerce).
    case products([Int])
    /// The order could not be read just now (BigCommerce slow or failing, or the lookup budget spent): the
    /// placement answers from the visitor instead, and the page still shows products.
    case unreadable
}
