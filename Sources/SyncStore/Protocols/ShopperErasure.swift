import Foundation

/// Erasing one shopper from clerkbridge's own tables, for a GDPR request (`clerkbridge privacy forget`).
public protocol ShopperErasure: Sendable {
    /// Deletes what clerkbridge keeps about the shopper with `email` (compared case-insensitively, trimmed), on every
    /// storefront: the visitors tied to it (by an email link or a verified email on their basket) with their
    /// events, baskets, carts and purchase reports, the email links of the email, and events whose payload names
    /// it. The dead letters of deleted events go with them. Returns what was deleted.
    func eraseShopper(email: String) async throws -> ErasedShopper
}

/// What ``ShopperErasure/eraseShopper(email:)`` deleted.
public struct ErasedShopper: Sendable, Equatable {
    /// The visitors that were tied to the email.
    public var visitors: Int
    /// Shopper events deleted.
    public var events: Int
    /// Baskets deleted.
    public var baskets: Int
    /// Cart sightings and purchase reports deleted.
    public var attributions: Int
    /// Email links deleted.
    public var emailLinks: Int
    /// Dead letters of deleted events deleted.
    public var deadLetters: Int

    /// Creates a report.
    public init(visitors: Int = 0, events: Int = 0, baskets: Int = 0, attributions: Int = 0, emailLinks: Int = 0, deadLetters: Int = 0) {
        self.visitors = visitors
        self.events = events
        self.baskets = baskets
        self.attributions = attributions
        self.emailLinks = emailLinks
        self.deadLetters = deadLetters
    }
}
