import Foundation

/// Everything the product rule needs besides the product itself, for one storefront.
public struct CatalogContext: Sendable {
    /// The storefront documents are built for.
    public var storefront: Storefront
    /// The store's default currency.
    public var storeCurrency: SourceCurrency
    /// The currency the storefront shows (`storefront.currency`).
    public var storefrontCurrency: SourceCurrency
    /// Brand names by brand id.
    public var brands: [Int: String]
    /// The storefront's synced categories.
    public var categories: CategoryIndex
    /// Price records by variant id, for the storefront's currency, from the selected price list (may be empty).
    public var priceRecords: [Int: SourcePriceRecord]
    /// Translations into the storefront's locale by product id (empty when the storefront shows the default text).
    public var translations: [Int: SourceTranslation]

    /// Creates a context.
    public init(
        storefront: Storefront,
        storeCurrency: SourceCurrency,
        storefrontCurrency: SourceCurrency,
        brands: [Int: String],
        categories: CategoryIndex,
        priceRecords: [Int: SourcePriceRecord],
        translations: [Int: SourceTranslation] = [:]
    ) {
        self.storefront = storefront
        self.storeCurrency = storeCurrency
        self.storefrontCurrency = storefrontCurrency
        self.brands = brands
        self.categories = categories
        self.priceRecords = priceRecords
        self.translations = translations
    }

    /// Whether the storefront shows the store's default currency (amounts are then only rounded).
    public var showsDefaultCurrency: Bool {
        storefrontCurrency.isDefault
            || storefrontCurrency.code.uppercased() == storeCurrency.code.uppercased()
    }
}
