import BigCommerceAPI
import CatalogMapping

/// Turns BigCommerce wire records into the mapping's input records.
///
/// The mapping keeps its own record types so that it stays pure and independent of how the API
/// spells or encodes things; this is the one place the two meet.
public enum CatalogAdapter {
    /// A product with its variants.
    public static func product(_ product: Product, variants: [Variant]) -> SourceProduct {
        SourceProduct(
            id: product.id, name: product.name, localizedName: nil, description: product.description,
            sku: product.sku, brandID: product.brandID, categories: product.categories,
            price: product.price, salePrice: product.salePrice, retailPrice: product.retailPrice,
            calculatedPrice: product.calculatedPrice, inventoryLevel: product.inventoryLevel,
            inventoryTracking: InventoryTracking(rawValue: product.inventoryTracking) ?? .none,
            availability: product.availability, isVisible: product.isVisible, isFeatured: product.isFeatured,
            sortOrder: product.sortOrder, condition: product.condition, gtin: product.gtin, upc: product.upc,
            mpn: product.mpn, searchKeywords: product.searchKeywords, customURLPath: product.customURL?.url ?? "",
            reviewsRatingSum: product.reviewsRatingSum, reviewsCount: product.reviewsCount,
            totalSold: product.totalSold, dateCreated: product.dateCreated, dateModified: product.dateModified,
            channels: product.channels,
            images: product.images.map {
                SourceImage(id: $0.id, isThumbnail: $0.isThumbnail, sortOrder: $0.sortOrder, urlStandard: $0.urlStandard)
            },
            variants: variants.map(variant),
            customFields: product.customFields.map { SourceCustomField(id: $0.id, name: $0.name, value: $0.value) })
    }

    /// A variant.
    public static func variant(_ variant: Variant) -> SourceVariant {
        SourceVariant(
            id: variant.id, sku: variant.sku, price: variant.price, salePrice: variant.salePrice,
            retailPrice: variant.retailPrice, calculatedPrice: variant.calculatedPrice,
            inventoryLevel: variant.inventoryLevel, purchasingDisabled: variant.purchasingDisabled,
            imageURL: variant.imageURL,
            optionValues: variant.optionValues.map { SourceOptionValue(optionDisplayName: $0.optionDisplayName, label: $0.label) })
    }

    /// A category of a category tree.
    public static func category(_ category: TreeCategory) -> SourceCategory {
        SourceCategory(
            id: category.categoryID, parentID: category.parentID, treeID: category.treeID, name: category.name,
            description: category.description, imageURL: category.imageURL, isVisible: category.isVisible,
            urlPath: category.url?.path ?? "")
    }

    /// A currency.
    public static func currency(_ currency: Currency) -> SourceCurrency {
        SourceCurrency(
            code: currency.currencyCode.uppercased(), exchangeRate: currency.exchangeRate,
            decimalPlaces: currency.decimalPlaces, isDefault: currency.isDefault,
            display: CurrencyDisplay(
                token: currency.token, tokenOnLeft: currency.tokenLocation.lowercased() != "right",
                decimalToken: currency.decimalToken, thousandsToken: currency.thousandsToken))
    }

    /// A product's translations into one locale.
    public static func translation(_ translation: ProductTranslation) -> SourceTranslation {
        SourceTranslation(name: translation.name, description: translation.description)
    }

    /// A price-list record.
    public static func priceRecord(_ record: PriceRecord) -> SourcePriceRecord {
        SourcePriceRecord(
            variantID: record.variantID, currency: record.currency.uppercased(), price: record.price,
            salePrice: record.salePrice, retailPrice: record.retailPrice, calculatedPrice: record.calculatedPrice)
    }
}
