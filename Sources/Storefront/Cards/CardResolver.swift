import CatalogMapping
import Foundation
import Synchronization
import SyncStore

/// Turns the product ids Clerk answered into cards from the storefront's catalog mirror, keeping Clerk's order.
///
/// Ids the mirror does not hold (unknown, deleted, not listed in the storefront), hidden products and — when
/// asked — products out of stock are dropped and reported, so a placement can fill up from its fallback.
///
/// Building a card (decoding the document, formatting its prices) costs far more than reading it, so cards are
/// kept per document version: a document the sync changed has a new content hash and is built afresh.
public struct CardResolver: Sendable {
    /// What resolving a list of ids came to.
    public struct Resolution: Sendable, Hashable {
        /// The cards, in the order of the ids given.
        public var cards: [ProductCard]
        /// The ids left out, in order.
        public var dropped: [Int]
    }

    /// Cards by storefront, currency, product and content hash; nil for a document that makes no card.
    private final class Built: Sendable {
        struct Key: Hashable {
            var storefront: String
            var product: Int
            var contentHash: String
            var currency: String
            var decimalPlaces: Int
            var display: CurrencyDisplay
        }

        let cards = Mutex<[Key: ProductCard?]>([:])
        /// About 1 KB a card: some 20 MB at most, enough for a large catalog's shown products per storefront.
        static let capacity = 20_000
    }

    private let mirror: any CatalogMirror
    private let built = Built()

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
            guard let document = documents[id], let card = card(document, storefront: storefront, currency: currency),
                !inStockOnly || card.inStock
            else {
                resolution.dropped.append(id)
                continue
            }
            resolution.cards.append(card)
        }
        return resolution
    }

    private func card(_ document: StoredDocument, storefront: String, currency: SourceCurrency) -> ProductCard? {
        let key = Built.Key(
            storefront: storefront, product: document.id, contentHash: document.contentHash, currency: currency.code,
            decimalPlaces: currency.decimalPlaces, display: currency.display)
        if let known = built.cards.withLock({ $0[key] }) { return known }
        let card = ProductCard(document: document.json, currency: currency)
        built.cards.withLock { cards in
            if cards.count >= Built.capacity { cards.removeAll(keepingCapacity: true) }
            cards[key] = .some(card)
        }
        return card
    }
}
