import Reliability

/// Why the sale logger could not bring an order's sale up to date.
public enum SaleLoggerError: RetryClassified, Sendable, Equatable, CustomStringConvertible {
    /// An order BigCommerce does not know (yet), reported by a webhook (its scope) or the storefront's purchase
    /// report. Retried with backoff, counting attempts, then dead-lettered: a sale that cannot be confirmed is never
    /// logged.
    case orderNotFound(orderID: Int, reportedBy: String)
    /// An amount is in a currency the store does not list, so it cannot be converted.
    case unknownCurrency(orderID: Int, currency: String)

    /// What went wrong, naming the order (never a key or token).
    public var description: String {
        switch self {
        case .orderNotFound(let id, let source):
            "BigCommerce does not know order \(id), reported by \(source) (GET /v2/orders/\(id) answered 404); its sale is not logged"
        case .unknownCurrency(let id, let currency):
            "order \(id) has amounts in \(currency), which is not one of the store's currencies"
        }
    }

    /// An order BigCommerce does not know yet may appear (its webhook can arrive first); a currency the store
    /// does not list will not.
    public var retryability: Retryability {
        switch self {
        case .orderNotFound: .transient
        case .unknownCurrency: .permanent
        }
    }

    /// Neither is a dependency failing: BigCommerce answered.
    public var dependency: Dependency? { nil }
}
