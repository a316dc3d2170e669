import CatalogMapping
import Foundation
import Testing

/// Shared records for the mapping tests.
enum Fixtures {
    struct NotListed: Error {}

    static let storefront = Storefront(
        name: "default", channelID: 1, currency: "USD", locale: "en", baseURL: "https://shop.example.com"
    )
    static let usd = SourceCurrency(code: "USD", exchangeRate: 1, decimalPlaces: 2, isDefault: true)
    static let eur = SourceCurrency(code: "EUR", exchangeRate: d("0.9"), decimalPlaces: 2, isDefault: false)
    static let jpy = SourceCurrency(code: "JPY", exchangeRate: 150, decimalPlaces: 0, isDefault: false)

    /// Tree 1: Clothing(10) > Shirts(11); Clothing > Hidden Sale(12, hidden) > Clearance(13);
    /// Shoes(14) > Boots(15), Sandals(16). Tree 2: Other(20).
    static let categories: [SourceCategory] = [
        category(16, parent: 14, "Sandals", path: "/shoes/sandals/"),
        category(10, parent: 0, "Clothing", path: "/clothing/", description: "<p>All &amp; more</p>", image: "https://img/clothing.jpg"),
        category(11, parent: 10, "Shirts", path: "/clothing/shirts/"),
        category(12, parent: 10, "Hidden Sale", path: "/clothing/sale/", visible: false),
        category(13, parent: 12, "Clearance", path: "/clothing/sale/clearance/"),
        category(14, parent: 0, "Shoes", path: "/shoes/"),
        category(15, parent: 14, "Boots", path: "/shoes/boots/"),
        category(20, parent: 0, "Other", path: "/other/", tree: 2),
    ]

    static func category(
        _ id: Int, parent: Int, _ name: String, path: String, description: String = "", image: String = "",
        visible: Bool = true, tree: Int = 1
    ) -> SourceCategory {
        SourceCategory(
            id: id, parentID: parent, treeID: tree, name: name, description: description, imageURL: image,
            isVisible: visible, urlPath: path
        )
    }

    static func d(_ text: String) -> Decimal {
        Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))!
    }

    static func context(
        currency: SourceCurrency = usd,
        records: [SourcePriceRecord] = [],
        includeHidden: Bool = false
    ) -> CatalogContext {
        var storefront = storefront
        storefront.currency = currency.code
        storefront.includeHiddenCategories = includeHidden
        return CatalogContext(
            storefront: storefront,
            storeCurrency: usd,
            storefrontCurrency: currency,
            brands: [5: "Acme"],
            categories: CategoryIndex(categories: categories, treeID: 1, includeHidden: includeHidden),
            priceRecords: Dictionary(uniqueKeysWithValues: records.map { ($0.variantID, $0) })
        )
    }

    static func product() -> SourceProduct {
        SourceProduct(
            id: 101, name: "Cotton Tee", localizedName: nil, description: "<p>Soft&nbsp;cotton</p>", sku: "TEE",
            brandID: 5, categories: [11, 13, 20, 10], price: 20, salePrice: 0, retailPrice: 25, calculatedPrice: 18,
            inventoryLevel: 7, inventoryTracking: .product, availability: "available", isVisible: true,
            isFeatured: true, sortOrder: 3, condition: "New", gtin: "", upc: "", mpn: "", searchKeywords: "",
            customURLPath: "/cotton-tee/", reviewsRatingSum: 14, reviewsCount: 3, totalSold: 42,
            dateCreated: Date(timeIntervalSince1970: 1_700_000_000),
            dateModified: Date(timeIntervalSince1970: 1_700_003_600.75),
            channels: [2, 1], images: [], variants: [], customFields: []
        )
    }

    static func variant(
        _ id: Int, sku: String = "", calculated: Decimal? = nil, price: Decimal? = nil, retail: Decimal? = nil,
        stock: Int = 0, disabled: Bool = false, image: String = "", options: [(String, String)] = []
    ) -> SourceVariant {
        SourceVariant(
            id: id, sku: sku, price: price, salePrice: nil, retailPrice: retail, calculatedPrice: calculated,
            inventoryLevel: stock, purchasingDisabled: disabled, imageURL: image,
            optionValues: options.map { SourceOptionValue(optionDisplayName: $0.0, label: $0.1) }
        )
    }

    static func record(
        _ variantID: Int, currency: String, calculated: Decimal? = nil, price: Decimal? = nil, retail: Decimal? = nil
    ) -> SourcePriceRecord {
        SourcePriceRecord(
            variantID: variantID, currency: currency, price: price, salePrice: nil, retailPrice: retail,
            calculatedPrice: calculated
        )
    }

    /// The attributes of the product's document; throws when it is not listed.
    static func attributes(_ product: SourceProduct, _ context: CatalogContext = context()) throws -> [String: ClerkValue] {
        guard case .listed(let document) = ProductMapper.map(product, in: context) else {
            throw NotListed()
        }
        return document.attributes
    }

    static func numbers(_ texts: [String]) -> ClerkValue {
        .list(texts.map { .number(d($0)) })
    }

    static func strings(_ texts: [String]) -> ClerkValue {
        .list(texts.map(ClerkValue.string))
    }
}
