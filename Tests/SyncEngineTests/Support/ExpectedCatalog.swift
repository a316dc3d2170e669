import CatalogMapping
import Foundation
import Sandbox

/// The Clerk documents mapping.md says a sandbox catalog becomes, derived from the sandbox's own
/// source records — not through the BigCommerce client — so the pipeline is checked end to end.
struct ExpectedCatalog {
    let store: SandboxStore

    func products(for storefront: Storefront) -> [Int: ClerkDocument] {
        let catalog = store.catalog
        let currencies = catalog.currencies.map {
            SourceCurrency(code: $0.code, exchangeRate: $0.exchangeRate, decimalPlaces: $0.decimalPlaces, isDefault: $0.isDefault)
        }
        let storeCurrency = currencies.first(where: \.isDefault)!
        let currency = currencies.first { $0.code == storefront.currency }!
        let index = categoryIndex(for: storefront)
        let list = PriceListSelection.select(
            priceLists: catalog.priceLists.map { SourcePriceList(id: $0.id, active: $0.active) },
            assignments: catalog.priceListAssignments.map {
                SourcePriceListAssignment(id: $0.id, priceListID: $0.priceListID, customerGroupID: $0.customerGroupID, channelID: $0.channelID)
            },
            channelID: storefront.channelID)
        var documents: [Int: ClerkDocument] = [:]
        for product in store.allProducts() {
            var prices: [Int: SourcePriceRecord] = [:]
            if let list {
                for record in store.priceRecords(priceListID: list, for: product) where record.currency == storefront.currency {
                    prices[record.variantID] = SourcePriceRecord(
                        variantID: record.variantID, currency: record.currency, price: record.price,
                        salePrice: record.salePrice, retailPrice: record.retailPrice, calculatedPrice: record.calculatedPrice)
                }
            }
            let context = CatalogContext(
                storefront: storefront, storeCurrency: storeCurrency, storefrontCurrency: currency,
                brands: Dictionary(store.brands().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }),
                categories: index, priceRecords: prices, translations: translations(of: product, for: storefront))
            if case .listed(let document) = ProductMapper.map(Self.source(product), in: context) {
                documents[document.id] = document
            }
        }
        return documents
    }

    /// The sandbox's stored translations of `product` into the storefront's locale, when it is a non-default locale
    /// of its channel (untranslated fields fall back, mapping.md §2).
    private func translations(of product: SandboxProduct, for storefront: Storefront) -> [Int: SourceTranslation] {
        let locales = store.translations.locales(channelID: storefront.channelID)
        guard let locale = locales.first(where: { $0.code.lowercased() == storefront.locale.lowercased() }), !locale.isDefault
        else { return [:] }
        func text(_ field: SandboxTranslations.Field) -> String? {
            store.translations.translation(channelID: storefront.channelID, locale: locale.code, productID: product.id, field: field)
        }
        let translation = SourceTranslation(name: text(.name), description: text(.description))
        return translation.name == nil && translation.description == nil ? [:] : [product.id: translation]
    }

    func categories(for storefront: Storefront) -> [Int: ClerkDocument] {
        Dictionary(categoryIndex(for: storefront).documents(storefront: storefront).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    private func categoryIndex(for storefront: Storefront) -> CategoryIndex {
        let tree = store.catalog.categoryTrees.first { $0.channels.contains(storefront.channelID) }?.id
        return CategoryIndex(
            categories: store.categories().map {
                SourceCategory(id: $0.id, parentID: $0.parentID, treeID: $0.treeID, name: $0.name, description: $0.description,
                               imageURL: $0.imageURL, isVisible: $0.isVisible, urlPath: $0.urlPath)
            },
            treeID: tree, includeHidden: storefront.includeHiddenCategories)
    }

    static func source(_ product: SandboxProduct) -> SourceProduct {
        SourceProduct(
            id: product.id, name: product.name, localizedName: nil, description: product.description, sku: product.sku,
            brandID: product.brandID, categories: product.categories, price: product.price, salePrice: product.salePrice,
            retailPrice: product.retailPrice, calculatedPrice: product.calculatedPrice, inventoryLevel: product.inventoryLevel,
            inventoryTracking: InventoryTracking(rawValue: product.inventoryTracking) ?? .none, availability: product.availability,
            isVisible: product.isVisible, isFeatured: product.isFeatured, sortOrder: product.sortOrder, condition: product.condition,
            gtin: product.gtin, upc: product.upc, mpn: product.mpn, searchKeywords: product.searchKeywords,
            customURLPath: product.customURL, reviewsRatingSum: Decimal(product.reviewsRatingSum), reviewsCount: product.reviewsCount,
            totalSold: product.totalSold, dateCreated: product.dateCreated, dateModified: product.dateModified,
            channels: product.channels,
            images: product.images.map { SourceImage(id: $0.id, isThumbnail: $0.isThumbnail, sortOrder: $0.sortOrder, urlStandard: $0.urlStandard) },
            variants: product.variants.map {
                SourceVariant(
                    id: $0.id, sku: $0.sku, price: $0.price, salePrice: $0.salePrice, retailPrice: $0.retailPrice,
                    calculatedPrice: $0.calculatedPrice, inventoryLevel: $0.inventoryLevel, purchasingDisabled: $0.purchasingDisabled,
                    imageURL: $0.imageURL,
                    optionValues: $0.optionValues.map { SourceOptionValue(optionDisplayName: $0.optionDisplayName, label: $0.label) })
            },
            customFields: product.customFields.map { SourceCustomField(id: $0.id, name: $0.name, value: $0.value) })
    }
}
