import BigCommerceAPI
import CatalogMapping

/// The store-wide data every product's mapping needs, read once per run: currencies, brands,
/// category trees and price-list assignments.
public struct StoreCatalog: Sendable {
    /// The store's default currency.
    public var storeCurrency: SourceCurrency
    /// Every currency by ISO code.
    public var currencies: [String: SourceCurrency]
    /// Brand names by id.
    public var brands: [Int: String]
    /// The category tree assigned to each channel.
    public var treeByChannel: [Int: Int]
    /// Every category of every tree.
    public var categories: [SourceCategory]
    /// Price lists and their assignments.
    public var priceLists: [SourcePriceList]
    /// Price-list assignments.
    public var priceListAssignments: [SourcePriceListAssignment]

    /// Creates a catalog from already-read parts.
    public init(
        storeCurrency: SourceCurrency, currencies: [String: SourceCurrency], brands: [Int: String],
        treeByChannel: [Int: Int], categories: [SourceCategory], priceLists: [SourcePriceList],
        priceListAssignments: [SourcePriceListAssignment]
    ) {
        self.storeCurrency = storeCurrency
        self.currencies = currencies
        self.brands = brands
        self.treeByChannel = treeByChannel
        self.categories = categories
        self.priceLists = priceLists
        self.priceListAssignments = priceListAssignments
    }

    /// Reads the store-wide data, the independent reads side by side (each waits on BigCommerce's response time).
    public static func load(from client: BigCommerceClient) async throws -> StoreCatalog {
        async let pricingRead = StorePricing.load(from: client)
        var catalog = try await loadWithoutPricing(from: client)
        catalog.pricing = try await pricingRead
        return catalog
    }

    /// Reads the store-wide data but the price lists and their assignments (left empty), for a caller that reads
    /// those first with ``StorePricing/load(from:)``.
    static func loadWithoutPricing(from client: BigCommerceClient) async throws -> StoreCatalog {
        async let storeRead = client.store()
        async let currenciesRead = client.currencies()
        async let brandsRead = client.brands()
        async let treesRead = client.categoryTrees()
        let store = try await storeRead
        let currencies = try await currenciesRead.map(CatalogAdapter.currency)
        let byCode = Dictionary(currencies.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let storeCurrency = currencies.first(where: \.isDefault)
            ?? byCode[store.currency.uppercased()]
            ?? SourceCurrency(code: store.currency.uppercased(), exchangeRate: 1, decimalPlaces: store.decimalPlaces ?? 2, isDefault: true)
        let brands = Dictionary(try await brandsRead.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let trees = try await treesRead
        var treeByChannel: [Int: Int] = [:]
        for tree in trees {
            for channel in tree.channels { treeByChannel[channel] = tree.id }
        }
        let categories = try await trees.isEmpty ? [] : client.treeCategories(treeIDs: trees.map(\.id)).map(CatalogAdapter.category)
        return StoreCatalog(
            storeCurrency: storeCurrency, currencies: byCode, brands: brands, treeByChannel: treeByChannel,
            categories: categories, priceLists: [], priceListAssignments: [])
    }

    /// The price lists and their assignments.
    public var pricing: StorePricing {
        get { StorePricing(priceLists: priceLists, assignments: priceListAssignments) }
        set {
            priceLists = newValue.priceLists
            priceListAssignments = newValue.assignments
        }
    }

    /// The synced categories of `storefront` (mapping.md section 3).
    public func categoryIndex(for storefront: Storefront) -> CategoryIndex {
        CategoryIndex(
            categories: categories, treeID: treeByChannel[storefront.channelID],
            includeHidden: storefront.includeHiddenCategories)
    }

    /// The price list whose records set `channel`'s prices (mapping.md section 5), if any.
    public func priceListID(forChannel channel: Int) -> Int? {
        pricing.priceListID(forChannel: channel)
    }

    /// The price list and currency whose records set `storefront`'s prices, if any.
    func priceKey(for storefront: Storefront) -> PriceKey? {
        pricing.priceKey(for: storefront)
    }

    /// The mapping context for one page of `storefront`.
    /// - Throws: ``StorefrontDiscoveryError/unknownCurrency`` when the store has no such currency.
    public func context(
        for storefront: Storefront, categories: CategoryIndex, priceRecords: [Int: SourcePriceRecord],
        translations: [Int: SourceTranslation] = [:]
    ) throws -> CatalogContext {
        guard let currency = currencies[storefront.currency] else {
            throw StorefrontDiscoveryError.unknownCurrency(storefront: storefront.name, currency: storefront.currency)
        }
        return CatalogContext(
            storefront: storefront, storeCurrency: storeCurrency, storefrontCurrency: currency,
            brands: brands, categories: categories, priceRecords: priceRecords, translations: translations)
    }
}
