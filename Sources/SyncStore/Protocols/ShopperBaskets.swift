import Foundation

/// The shopper's basket per (storefront, visitor), built from the storefront's cart events, so an
/// abandoned-cart email can show the products of the last cart that was not bought (Clerk has no way to read
/// a basket back).
///
/// Changes are recorded with the events they come from, in the event log's transaction: a stored event has
/// changed its basket, and a redelivered one (a duplicate id) changes nothing, so an add never counts twice.
///
/// Ordering rule: within one call, changes apply in `at` order (ties in the order given). Across calls,
/// adds and removals commute, so their arrival order does not matter; a full replacement (`replace`) is a
/// snapshot, so any change older than the basket's last replacement is ignored — an out-of-order, older
/// event never overwrites a newer snapshot. (A delta newer than a snapshot that arrives before it is undone
/// by it; the storefront's next `cart_updated` sets the basket right.)
///
/// A basket is found by email through the visitors the email was linked to (``ShopperAttribution``'s email
/// links) and through the verified email of its own events, latest verified email per visitor winning.
/// Baskets untouched since the cutoff are purged with the attributions.
public protocol ShopperBaskets: EventLog {
    /// Appends `events` like ``EventLog/append(_:now:)`` and, in the same transaction, applies each change of
    /// `basketChanges` whose event (same storefront and event id) this call stored. Changes of duplicates and of
    /// events not in `events` are skipped.
    func append(_ events: [ShopperEvent], basketChanges: [BasketChange], now: Date) async throws -> [AppendOutcome]

    /// The most recently changed non-empty basket on `storefront` of a visitor linked to `email` or whose events
    /// carried that verified email (emails compare case-insensitively); nil when there is none.
    func basket(email: String, storefront: String) async throws -> ShopperBasket?

    /// Deletes the baskets last touched (a change or a verified email) before `before`; returns how many.
    @discardableResult
    func purgeBaskets(before: Date) async throws -> Int
}
