import BigCommerceAPI

/// Where the store's webhook subscriptions are read from: BigCommerce's `/v3/hooks/admin` (the wiring passes the
/// `BigCommerceClient`; tests a canned answer).
public protocol WebhookSubscriptions: Sendable {
    /// The API account's hooks with their status, and the deny-listed destinations.
    func hooksAdmin() async throws -> HooksAdmin
}

/// The store's own client reads them from BigCommerce.
extension BigCommerceClient: WebhookSubscriptions {}
