import Foundation

/// The product rule of mapping.md §2: one BigCommerce parent product → one Clerk product document.
public enum ProductMapper {
    /// Maps `product` for the context's storefront.
    /// - Returns: `.notListed` when the product is not assigned to the storefront's channel, else its document.
    public static func map(_ product: SourceProduct, in context: CatalogContext) -> ProductMapping {
        guard product.channels.contains(context.storefront.channelID) else {
            return .notListed
        }
        let converter = PriceConverter(context: context)
        let allVariants = variantsByID(of: product)
        var purchasable = allVariants.filter { !$0.purchasingDisabled }
        if purchasable.isEmpty {
            purchasable = allVariants
        }

        var attributes: [String: ClerkValue] = [:]
        attributes.reserveCapacity(48)
        func set(_ name: String, _ value: ClerkValue?) {
            if let value, !value.isEmpty {
                attributes[name] = value
            }
        }

        let translation = context.translations[product.id]
        let name = nonEmpty(translation?.name) ?? nonEmpty(product.localizedName) ?? product.name
        set("name", .string(name))
        set("description", .string(PlainText.fromHTML(nonEmpty(translation?.description) ?? product.description)))
        set("url", .string(context.storefront.baseURL + product.customURLPath))
        set("image", image(of: product, variants: allVariants).map(ClerkValue.string))
        set("created_at", .int(unixSeconds(product.dateCreated)))
        set("updated_at", .int(unixSeconds(product.dateModified)))
        set("sku", .string(product.sku))
        if product.brandID != 0, let brand = context.brands[product.brandID] {
            set("brand", .string(brand))
        }
        setCategories(of: product, index: context.categories, into: &attributes)

        var cheapest = purchasable[0]
        var price = converter.money(.calculatedPrice, of: cheapest, in: product)
        for variant in purchasable.dropFirst() {
            let candidate = converter.money(.calculatedPrice, of: variant, in: product)
            if candidate < price {
                price = candidate
                cheapest = variant
            }
        }
        let listPrice = converter.listPrice(of: cheapest, in: product)
        set("price", .number(price))
        set("list_price", listPrice.map(ClerkValue.number))
        set("on_sale", .bool(listPrice.map { price < $0 } ?? false))

        let stock: Int?
        switch product.inventoryTracking {
        case .none:
            stock = nil
        case .product:
            stock = product.inventoryLevel
        case .variant:
            stock = purchasable.reduce(0) { $0 + $1.inventoryLevel }
        }
        set("stock", stock.map(ClerkValue.int))
        let inStock = product.availability != "disabled" && (stock.map { $0 > 0 } ?? true)
        set("in_stock", .bool(inStock))
        set("availability", .string(product.availability))

        if !(allVariants.count <= 1 && allVariants.allSatisfy { $0.optionValues.isEmpty }) {
            setVariantLists(allVariants, of: product, converter: converter, into: &attributes)
        }
        setOptions(purchasable, into: &attributes)

        if product.reviewsCount != 0 {
            let rating = Money.round(product.reviewsRatingSum / Decimal(product.reviewsCount), places: 2)
            set("rating", .number(rating))
        }
        set("review_count", .int(product.reviewsCount))
        set("total_sold", .int(product.totalSold))
        set("is_featured", .bool(product.isFeatured))
        set("sort_order", .int(product.sortOrder))
        set("featured_rank", .int(featuredRank(product)))
        set("keywords", .list(keywords(product.searchKeywords).map(ClerkValue.string)))
        set("condition", .string(product.condition))
        set("gtin", .string(product.gtin))
        set("upc", .string(product.upc))
        set("mpn", .string(product.mpn))
        setCustomFields(product.customFields, into: &attributes)
        set("index", .bool(product.isVisible && product.availability != "disabled"))

        return .listed(ClerkDocument(id: product.id, attributes: attributes))
    }

    /// BigCommerce's Featured order (featured first, then `sort_order` ascending) as one ascending integer, since
    /// Clerk sorts by one attribute: the featured flag above the 32 bits `sort_order` (a signed 32-bit value) spans.
    static func featuredRank(_ product: SourceProduct) -> Int {
        (product.isFeatured ? 0 : 1) * 4_294_967_296 + (product.sortOrder + 2_147_483_648)
    }

    /// All variants by ascending id; a product without variants has one base variant built from its own fields.
    private static func variantsByID(of product: SourceProduct) -> [SourceVariant] {
        if product.variants.isEmpty {
            return [
                SourceVariant(
                    id: 0, sku: product.sku, price: nil, salePrice: nil, retailPrice: nil, calculatedPrice: nil,
                    inventoryLevel: product.inventoryLevel, purchasingDisabled: false, imageURL: "", optionValues: []
                )
            ]
        }
        var isSorted = true
        for index in product.variants.indices.dropFirst() where product.variants[index - 1].id > product.variants[index].id {
            isSorted = false
            break
        }
        return isSorted ? product.variants : product.variants.sorted { $0.id < $1.id }
    }

    private static func unixSeconds(_ date: Date) -> Int {
        Int(date.timeIntervalSince1970.rounded(.down))
    }

    private static func image(of product: SourceProduct, variants: [SourceVariant]) -> String? {
        func precedes(_ lhs: SourceImage, _ rhs: SourceImage) -> Bool {
            (lhs.sortOrder, lhs.id) < (rhs.sortOrder, rhs.id)
        }
        if let thumbnail = product.images.filter(\.isThumbnail).min(by: precedes) {
            return thumbnail.urlStandard
        }
        if let first = product.images.min(by: precedes) {
            return first.urlStandard
        }
        return variants.first { !$0.imageURL.isEmpty }?.imageURL
    }

    private static func setCategories(of product: SourceProduct, index: CategoryIndex, into attributes: inout [String: ClerkValue]) {
        let ids = Set(product.categories).filter { index.syncedIDs.contains($0) }.sorted()
        guard !ids.isEmpty else {
            return
        }
        attributes["categories"] = .list(ids.map(ClerkValue.int))
        attributes["category_names"] = .list(ids.map { .string(index.name(of: $0) ?? "") })
        attributes["category_paths"] = .list(ids.map { .string(index.path(of: $0) ?? "") })
    }

    private static func setVariantLists(
        _ variants: [SourceVariant],
        of product: SourceProduct,
        converter: PriceConverter,
        into attributes: inout [String: ClerkValue]
    ) {
        var ids: [ClerkValue] = []
        var skus: [ClerkValue] = []
        var prices: [ClerkValue] = []
        var listPrices: [ClerkValue] = []
        var stocks: [ClerkValue] = []
        var images: [ClerkValue] = []
        var options: [ClerkValue] = []
        for variant in variants {
            let price = converter.money(.calculatedPrice, of: variant, in: product)
            ids.append(.int(variant.id))
            skus.append(.string(variant.sku))
            prices.append(.number(price))
            listPrices.append(.number(converter.listPrice(of: variant, in: product) ?? price))
            stocks.append(.int(variant.inventoryLevel))
            images.append(.string(variant.imageURL))
            let description = variant.optionValues
                .map { $0.optionDisplayName + ": " + $0.label }
                .joined(separator: " / ")
            options.append(.string(description))
        }
        attributes["variant_ids"] = .list(ids)
        attributes["variant_skus"] = .list(skus)
        attributes["variant_prices"] = .list(prices)
        attributes["variant_list_prices"] = .list(listPrices)
        attributes["variant_stocks"] = .list(stocks)
        attributes["variant_images"] = .list(images)
        attributes["variant_options"] = .list(options)
    }

    private static func setOptions(_ variants: [SourceVariant], into attributes: inout [String: ClerkValue]) {
        var labels: [String: [String]] = [:]
        var normalized: [String: String?] = [:]
        for variant in variants {
            for value in variant.optionValues {
                let key: String?
                if let known = normalized[value.optionDisplayName] {
                    key = known
                } else {
                    key = AttributeName.normalize(value.optionDisplayName).map { "option_" + $0 }
                    normalized[value.optionDisplayName] = key
                }
                guard let key else {
                    continue
                }
                if !(labels[key]?.contains(value.label) ?? false) {
                    labels[key, default: []].append(value.label)
                }
            }
        }
        for (key, values) in labels {
            attributes[key] = .list(values.map(ClerkValue.string))
        }
    }

    private static func keywords(_ raw: String) -> [String] {
        raw.split(separator: ",", omittingEmptySubsequences: false)
            .map { keyword in
                // Most keywords need no trimming; Foundation's trimming was 3 % of a reindex's CPU.
                if let first = keyword.utf8.first, let last = keyword.utf8.last, (0x21..<0x7F).contains(first),
                    (0x21..<0x7F).contains(last)
                {
                    return String(keyword)
                }
                return keyword.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            .filter { !$0.isEmpty }
    }

    private static func setCustomFields(_ fields: [SourceCustomField], into attributes: inout [String: ClerkValue]) {
        guard !fields.isEmpty else {
            return
        }
        var values: [String: [String]] = [:]
        var order: [String] = []
        for field in fields.sorted(by: { $0.id < $1.id }) {
            guard let name = AttributeName.normalize(field.name) else {
                continue
            }
            let key = "cf_" + name
            if values[key] == nil {
                order.append(key)
            }
            values[key, default: []].append(field.value)
        }
        for key in order {
            let list = values[key]!
            let value: ClerkValue = list.count == 1 ? .string(list[0]) : .list(list.map(ClerkValue.string))
            if !value.isEmpty {
                attributes[key] = value
            }
        }
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
