/// Shopper tracking (`log/*`, public key; `log/returned` also needs the private key). Every call is a POST with
/// a JSON body; Clerk answers `{"status":"ok"}` and the error envelope decides failures as everywhere else.
///
/// Visitor ids are the shopper's Clerk visitor id (alphanumeric, at most 32 characters); the client sends them
/// as given.
extension ClerkClient {
    /// Logs a product page view: `POST /log/product` with `product` and `visitor`.
    public func logProductView(productID: Int, visitor: String, keys: ClerkStoreKeys) async throws(ClerkError) {
        _ = try await perform(.logProductView(productID: productID, visitor: visitor, keys: keys))
    }

    /// Logs a category page view: `POST /log/category` with `category` and `visitor`.
    public func logCategoryView(categoryID: Int, visitor: String, keys: ClerkStoreKeys) async throws(ClerkError) {
        _ = try await perform(.logCategoryView(categoryID: categoryID, visitor: visitor, keys: keys))
    }

    /// Logs a click on a product Clerk showed: `POST /log/click`.
    ///
    /// - Parameters:
    ///   - api: the endpoint that produced the result, e.g. `recommendations/popular` (`api`).
    ///   - position: the product's 0-based position in that result (`n`).
    ///   - labels: the placement's labels (`labels`); left out when empty.
    ///   - external: whether the click came from outside the shop, e.g. an email (`external`); sent only when true.
    public func logClick(
        productID: Int, visitor: String, api: String? = nil, position: Int? = nil, labels: [String] = [],
        external: Bool = false, keys: ClerkStoreKeys
    ) async throws(ClerkError) {
        let request = ClerkRequest.logClick(
            productID: productID, visitor: visitor, api: api, position: position, labels: labels, external: external,
            keys: keys)
        _ = try await perform(request)
    }

    /// Logs a basket change: `POST /log/cart/add`, `/log/cart/remove` or `/log/cart/update` with `products` as
    /// `[{"id","qty"}]`, plus `visitor`, `email` and `basket_id` when given.
    ///
    /// `.update` replaces the whole basket, so an empty `products` empties it; `.add` and `.remove` with no
    /// products send nothing.
    public func logCart(
        _ action: CartAction, products: [CartLine], visitor: String?, email: String? = nil, basketID: String? = nil,
        keys: ClerkStoreKeys
    ) async throws(ClerkError) {
        guard action == .update || !products.isEmpty else { return }
        let request = ClerkRequest.logCart(
            action, products: products, visitor: visitor, email: email, basketID: basketID, keys: keys)
        _ = try await perform(request)
    }

    /// Logs an order: `POST /log/sale` with `sale` (the order id) and `products` as `[{"id","price","quantity"}]`
    /// (unit prices, written from their decimal digits), plus `visitor`, `customer` and `email` when given.
    ///
    /// Throws `.parsing` without sending anything when a price is NaN.
    public func logSale(
        orderID: String, products: [SaleLine], visitor: String?, customerID: String? = nil, email: String? = nil,
        keys: ClerkStoreKeys
    ) async throws(ClerkError) {
        let request = try ClerkRequest.logSale(
            orderID: orderID, products: products, visitor: visitor, customerID: customerID, email: email, keys: keys)
        _ = try await perform(request)
    }

    /// Records a search the storefront ran with its own search: `POST /search/search` with `query`, `visitor`,
    /// `labels` and `limit` 1. Clerk has no `log/search`; a search call that carries a visitor and labels is what
    /// Clerk records for that visitor (reference §4, UNCONFIRMED beyond that implication). The result is discarded.
    public func recordSearch(query: String, visitor: String, labels: [String], keys: ClerkStoreKeys) async throws(ClerkError) {
        _ = try await perform(.recordSearch(query: query, visitor: visitor, labels: labels, keys: keys))
    }

    /// Associates an email address with a visitor: `POST /log/email` with `email` and `visitor`.
    public func logEmail(email: String, visitor: String, keys: ClerkStoreKeys) async throws(ClerkError) {
        _ = try await perform(.logEmail(email: email, visitor: visitor, keys: keys))
    }

    /// Logs returned items: `POST /log/returned` with `order`, `product` and `quantity`. Needs the private key,
    /// which is redacted from any error like on catalog calls.
    public func logReturned(productID: Int, orderID: String, quantity: Int, keys: ClerkStoreKeys) async throws(ClerkError) {
        _ = try await perform(.logReturned(productID: productID, orderID: orderID, quantity: quantity, keys: keys))
    }
}
