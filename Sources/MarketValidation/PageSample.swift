import CatalogMapping
import Foundation
import Storefront
import SyncStore

/// A page of the storefront to ask placements and search for: a shown, in-stock product from its catalog mirror,
/// with its category, its brand and a word of its name.
struct PageSample {
    var product: Int
    var category: Int?
    var brand: String?
    var word: String

    /// How many of the storefront's products are looked at to find one.
    static let candidates = 200

    /// A sample of `storefront`'s mirror; nil when it holds no shown, in-stock product.
    static func take(from catalog: any CatalogLedger & CatalogMirror, storefront: String) async throws -> PageSample? {
        let ids = Array(try await catalog.heldIDs(storefront: storefront, entity: .product).prefix(candidates))
        let documents = try await catalog.mirrored(storefront: storefront, entity: .product, ids: ids)
        var brandless: PageSample?
        for id in ids {
            guard let json = documents[id]?.json, let document = try? ClerkDocument(json: json),
                document.attributes["index"] != .bool(false), document.attributes["in_stock"] == .bool(true),
                case .string(let name)? = document.attributes["name"],
                let word = name.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).first(where: { $0.count >= 3 })
            else { continue }
            var category: Int?
            if case .list(let categories)? = document.attributes["categories"], case .int(let first)? = categories.first {
                category = first
            }
            var brand: String?
            if case .string(let named)? = document.attributes["brand"], !named.isEmpty { brand = named }
            let sample = PageSample(product: id, category: category, brand: brand, word: String(word))
            if brand != nil { return sample }
            brandless = brandless ?? sample
        }
        return brandless
    }

    /// The context a page of `kind` would give, for `visitor`.
    func context(for kind: PlacementKind, visitor: String) -> PlacementContext {
        switch kind {
        case .home: PlacementContext(visitor: visitor)
        case .category: PlacementContext(category: category, visitor: visitor)
        case .productAlternatives, .productComplementary: PlacementContext(product: product, category: category, visitor: visitor)
        case .cart: PlacementContext(cart: [product], visitor: visitor)
        case .postPurchase: PlacementContext(order: .products([product]), visitor: visitor)
        }
    }
}
