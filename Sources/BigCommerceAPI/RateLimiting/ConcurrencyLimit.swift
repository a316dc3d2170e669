/// A limit BigCommerce documents on how many requests to one kind of endpoint may run at once, beyond the store's
/// quota (bigcommerce-api.md §2): more at once are answered 429.
public struct ConcurrencyLimit: Sendable, Hashable {
    /// Which endpoints share the limit.
    public var group: String
    /// Requests to them in flight at once.
    public var limit: Int

    /// Creates a limit.
    public init(group: String, limit: Int) {
        self.group = group
        self.limit = max(1, limit)
    }

    /// `GET /v3/pricelists/{id}/records`: up to 10 simultaneous requests.
    public static let priceListRecords = ConcurrencyLimit(group: "GET /v3/pricelists/{id}/records", limit: 10)
    /// `GET /v3/catalog/trees/{id}/categories`: one request at a time.
    public static let categoryTree = ConcurrencyLimit(group: "GET /v3/catalog/trees/{id}/categories", limit: 1)
}
