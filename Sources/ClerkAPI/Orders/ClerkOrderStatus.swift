/// The `status` of a Clerk order (clerk-api.md §2.6).
public enum ClerkOrderStatus: String, Sendable, Hashable, CaseIterable {
    /// The order was placed.
    case confirmed = "CONFIRMED"
    /// The order was shipped.
    case sent = "SENT"
    /// The order was delivered.
    case delivered = "DELIVERED"
    /// The order was returned (refunded).
    case returned = "RETURNED"
    /// The order was cancelled.
    case cancelled = "CANCELLED"
}
