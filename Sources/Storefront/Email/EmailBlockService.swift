import CatalogMapping
import ClerkAPI
import StorefrontRegistry
import SyncStore

/// Finds the products of an email block for a shopper (by email) and resolves them to cards from the mirror;
/// `EmailBlockType` says where each type's products come from.
///
/// Email tools fetch blocks while rendering a send, so Clerk gets a longer budget than a page's placements
/// (default 2 s); when it fails, recommending blocks answer the storefront's best sellers and the others
/// answer empty, both with `source: fallback` (`mixed` when best sellers filled up Clerk's answer).
public final class EmailBlockService: Sendable {
    private let clerk: ClerkClient
    private let resolver: CardResolver
    private let bestSellers: BestSellers
    private let carts: (any AbandonedCartSource)?
    private let budget: Duration

    /// Creates a service; without `carts`, `abandoned_cart` blocks are empty. `resolver` builds the cards.
    public init(
        clerk: ClerkClient, mirror: any CatalogMirror, carts: (any AbandonedCartSource)?,
        budget: Duration = .seconds(2), resolver: CardResolver? = nil
    ) {
        self.clerk = clerk
        self.resolver = resolver ?? CardResolver(mirror: mirror)
        self.bestSellers = BestSellers(mirror: mirror, ttl: 300)
        self.carts = carts
        self.budget = budget
    }

    /// The block of `type` for the shopper with `email` on `storefront`, at most `limit` products.
    public func block(_ type: EmailBlockType, email: String, storefront: ResolvedStorefront, limit: Int) async throws -> EmailBlock {
        var clerkAnswered = true
        var ids: [Int] = []
        do {
            switch type {
            case .recommended:
                ids = try await clerk.recommendations(
                    .visitorComplementary, limit: limit * 2, visitor: nil, email: email, labels: type.labels,
                    timeout: budget, keys: storefront.clerkKeys)
            case .abandonedBrowse:
                ids = try await clerk.recommendations(
                    .visitorHistory, limit: limit * 2, visitor: nil, email: email, labels: type.labels,
                    timeout: budget, keys: storefront.clerkKeys)
            case .postPurchase:
                ids = try await clerk.recommendations(
                    .customerComplementary(email: email), limit: limit * 2, visitor: nil, labels: type.labels,
                    timeout: budget, keys: storefront.clerkKeys)
            case .abandonedCart:
                ids = try await carts?.abandonedCart(email: email, storefront: storefront.name) ?? []
            }
        } catch is ClerkError {
            clerkAnswered = false
        }
        // Recommending blocks leave out what cannot be bought now; the shopper's own products stay as they are.
        let inStockOnly = type.fillsUp
        var cards = Array(try await resolver.cards(
            for: ids, storefront: storefront.name, currency: storefront.currency, inStockOnly: inStockOnly
        ).cards.prefix(limit))
        let chosenByClerk = cards.count
        if type.fillsUp, cards.count < limit {
            let have = Set(cards.map(\.id))
            let fill = try await bestSellers.products(storefront: storefront.name, category: nil, count: limit * 3)
                .filter { !have.contains($0) }
            cards += try await resolver.cards(
                for: fill, storefront: storefront.name, currency: storefront.currency, inStockOnly: inStockOnly
            ).cards.prefix(limit - cards.count)
        }
        let source = type == .abandonedCart
            ? ProductSource.cart : ProductSource(chosenByClerk: chosenByClerk, of: cards.count, clerkAnswered: clerkAnswered)
        return EmailBlock(
            storefront: storefront.name, type: type.rawValue, source: source, currency: storefront.currency.code, items: cards)
    }
}
