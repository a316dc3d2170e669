import CatalogMapping
import StorefrontRegistry

/// What mapping.md says some products' documents are in each storefront, read from BigCommerce now: the
/// truth `validate` holds served answers against (a price from the storefront's price list in its currency, the
/// product page on its base URL, whether the product is listed on its channel and shown, its name in the
/// storefront's locale where BigCommerce has a translation).
public struct CatalogExpectation: Sendable {
    /// A product's expected document in one storefront.
    public enum Expected: Sendable, Hashable {
        /// Listed on the storefront's channel: the document clerkbridge would write.
        case listed(ClerkDocument)
        /// Not listed on the storefront's channel (unassigned, or its channel does not sell it).
        case notListed
        /// BigCommerce has no such product (or returned it unreadable).
        case unknown
    }

    private let reader: CatalogReader

    /// Reads with `reader`.
    public init(reader: CatalogReader) {
        self.reader = reader
    }

    /// The expected documents of `ids` in every storefront of `targets`, by storefront name then product id.
    /// - Throws: BigCommerce read failures.
    public func documents(ids: [Int], in targets: [ResolvedStorefront]) async throws -> [String: [Int: Expected]] {
        guard !ids.isEmpty else { return [:] }
        let catalog = try await reader.storeCatalog()
        let keys = Set(targets.compactMap { catalog.priceKey(for: $0.storefront) })
        let loaded = try await reader.loadProducts(
            ids: ids, priceKeys: keys, locales: Set(targets.compactMap(\.language.translationLocale)))
        var result: [String: [Int: Expected]] = [:]
        for target in targets {
            let prices = catalog.priceKey(for: target.storefront).flatMap { loaded.prices[$0] } ?? [:]
            let context = try catalog.context(
                for: target.storefront, categories: catalog.categoryIndex(for: target.storefront), priceRecords: prices,
                translations: target.language.translationLocale.flatMap { loaded.translations[$0] } ?? [:])
            var expected = Dictionary(uniqueKeysWithValues: ids.map { ($0, Expected.unknown) })
            for product in loaded.products {
                switch ProductMapper.map(product, in: context) {
                case .listed(let document): expected[product.id] = .listed(document)
                case .notListed: expected[product.id] = .notListed
                }
            }
            result[target.name] = expected
        }
        return result
    }
}
