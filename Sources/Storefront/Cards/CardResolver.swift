import CatalogMapping
import Foundation
import SyncStore

/// Turns the product ids Clerk answered into cards from the storefront's catalog mirror, keeping Clerk's order.
///
/// Ids the mirror does not hold (unknown, deleted, not listed in the storefront), hidden products and — when
/// asked — products out of stock are dropped and reported, so a placement can fill up from its fallback.
public struct CardResolver: Sendable {
    /// What resolving a list of ids came to.
    public struct Resolution: Sendable, Hashable {
        /// The cards, in the order of the ids given.
        public var cards: [ProductCard]
        /// The ids left out, in order.
        public var dropped: [Int]
    }

    private let mirror: any CatalogMirror

    /// Creates a resolver over `mirror`.
    public init(mirror: any CatalogMirror) {
        self.mirror = mirror
    }

    /// The cards of `ids` on `storefront` in `currency`, in order, each id once; out-of-stock products are dropped
    /// when `inStockOnly`.
    public func cards(
        for ids: [Int], storefront: String, currency: SourceCurrency, inStockOnly: Bool = false
    ) async throws -> Resolution {
        var seen = Set<Int>()
        let unique = ids.filter { seen.insert($0).inserted }
        let documents = try await mirror.mirrored(storefront: storefront, entity: .product, ids: unique)
        var resolution = Resolution(cards: [], dropped: [])
        for id in unique {
            guard let document = documents[id], let card = ProductCard(document: document.json, currency: currency),
                !inStockOnly || card.inStock
            else {
                resolution.dropped.append(id)
                continue
            }
            resolution.cards.append(card)
        }
        return resolution
    }
}
