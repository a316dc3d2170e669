import Foundation
import JSONSupport

/// Reads a product page straight from its bytes with ``JSONReader``: the fast path of
/// ``BigCommerceClient/decodeProductPage(_:pageSize:)``.
///
/// Measured on the sandbox's pages (`clerkbridge benchmark json`, BENCHMARKS.md "CPU per product") it takes a fraction
/// of `JSONDecoder`'s time, which was about 40 % of a reindex's CPU. It accepts only what the `Decodable` models decode
/// to the same values — numbers as numbers, strings as strings, `null` or absence where a default applies — and
/// throws on anything else (a price sent as a string, a flag as `1`, a repeated member), so the caller falls back to
/// the models, which read those leniently and name what is wrong with a broken product.
enum ProductPageReader {
    /// The page's products and pagination; throws when anything is not in the plain form described above.
    static func read(_ body: [UInt8]) throws -> (products: [Product], pagination: Pagination?) {
        let (products, pagination) = try readEnvelope(body) { try Product(reading: &$0) }
        return (products, pagination)
    }

    /// A V3 collection page `{"data": [...], "meta": {"pagination": {...}}}` whose records `element` reads.
    static func readEnvelope<T>(_ body: [UInt8], element: (inout JSONReader) throws -> T) throws -> ([T], Pagination?) {
        var reader = JSONReader(body)
        var products: [T]?
        var pagination: Pagination?
        try reader.beginObject()
        while let name = try reader.nextMember() {
            switch reader.index(of: name, in: envelopeNames).flatMap(EnvelopeName.init(rawValue:)) {
            case .data?:
                guard products == nil else { throw Unreadable() }
                var list: [T] = []
                list.reserveCapacity(BigCommerceClient.maximumPageSize)
                try reader.beginArray()
                while try reader.nextElement() { list.append(try element(&reader)) }
                products = list
            case .meta?:
                if try reader.readNull() { continue }
                try reader.beginObject()
                while let member = try reader.nextMember() {
                    if reader.index(of: member, in: envelopeNames) == EnvelopeName.pagination.rawValue, try !reader.readNull() {
                        pagination = try Pagination(reading: &reader)
                    } else {
                        try reader.skipValue()
                    }
                }
            case .pagination?, nil:
                try reader.skipValue()
            }
        }
        try reader.end()
        guard let products else { throw Unreadable() }
        return (products, pagination)
    }

    /// The fast path gave up; the `Decodable` path decides.
    struct Unreadable: Error {}

    private enum EnvelopeName: Int { case data, meta, pagination }
    private static let envelopeNames = JSONNames(["data", "meta", "pagination"])
}

/// Reading helpers with the defaults of `KeyedDecodingContainer+Lenient` (absent or `null` → the default).
extension JSONReader {
    mutating func optionalInt() throws -> Int? {
        try readNull() ? nil : int()
    }

    mutating func optionalString() throws -> String? {
        try readNull() ? nil : string()
    }

    /// A money amount; nil for `null` or `""` (as `moneyIfPresent`); a non-empty string gives up.
    mutating func optionalMoney() throws -> Decimal? {
        switch try kind() {
        case .null: _ = try readNull(); return nil
        case .string:
            guard try string().isEmpty else { throw ProductPageReader.Unreadable() }
            return nil
        default: return try decimal()
        }
    }

    mutating func optionalBool() throws -> Bool? {
        try readNull() ? nil : bool()
    }

    mutating func date() throws -> Date {
        guard let date = BigCommerceDate.parse(try string()) else { throw ProductPageReader.Unreadable() }
        return date
    }

    /// A list read element by element; empty for `null`.
    mutating func list<T>(_ element: (inout JSONReader) throws -> T) throws -> [T] {
        if try readNull() { return [] }
        var result: [T] = []
        try beginArray()
        while try nextElement() { result.append(try element(&self)) }
        return result
    }

    /// Marks `field` as read in `seen`; a repeated member gives up (JSONDecoder and this reader could differ on it).
    func once(_ field: Int, _ seen: inout UInt64) throws {
        let bit: UInt64 = 1 << UInt64(field)
        guard seen & bit == 0 else { throw ProductPageReader.Unreadable() }
        seen |= bit
    }
}

extension Product {
    private enum Field: Int, Sendable {
        case id, name, type, sku, description, brandID, categories, price, salePrice, retailPrice, calculatedPrice
        case inventoryLevel, inventoryTracking, availability, isVisible, isFeatured, sortOrder, condition, gtin, upc, mpn
        case searchKeywords, customURL, reviewsRatingSum, reviewsCount, totalSold, baseVariantID, dateCreated
        case dateModified, channels, images, customFields, variants
    }

    private static let names = JSONNames(["id", "name", "type", "sku", "description", "brand_id", "categories", "price", "sale_price", "retail_price", "calculated_price", "inventory_level", "inventory_tracking", "availability", "is_visible", "is_featured", "sort_order", "condition", "gtin", "upc", "mpn", "search_keywords", "custom_url", "reviews_rating_sum", "reviews_count", "total_sold", "base_variant_id", "date_created", "date_modified", "channels", "images", "custom_fields", "variants"])

    /// Reads one product as ``init(from:)`` would, or gives up.
    init(reading reader: inout JSONReader) throws {
        var id: Int?, name: String?, dateCreated: Date?, dateModified: Date?, price: Decimal?
        var salePrice: Decimal?, retailPrice: Decimal?, calculatedPrice: Decimal?, reviewsRatingSum: Decimal?
        var type: String?, sku: String?, description: String?, inventoryTracking: String?, availability: String?
        var condition: String?, gtin: String?, upc: String?, mpn: String?, searchKeywords: String?
        var brandID: Int?, inventoryLevel: Int?, sortOrder: Int?, reviewsCount: Int?, totalSold: Int?
        var isVisible: Bool?, isFeatured: Bool?
        self.baseVariantID = nil
        self.customURL = nil
        self.categories = []
        self.channels = []
        self.images = []
        self.customFields = []
        self.variants = nil
        var seen: UInt64 = 0
        try reader.beginObject()
        while let member = try reader.nextMember() {
            guard let field = reader.index(of: member, in: Self.names).flatMap(Field.init(rawValue:)) else {
                try reader.skipValue()
                continue
            }
            try reader.once(field.rawValue, &seen)
            switch field {
            case .id: id = try reader.int()
            case .name: name = try reader.string()
            case .type: type = try reader.optionalString()
            case .sku: sku = try reader.optionalString()
            case .description: description = try reader.optionalString()
            case .brandID: brandID = try reader.optionalInt()
            case .categories: categories = try reader.list { try $0.int() }
            case .price: price = try reader.decimal()
            case .salePrice: salePrice = try reader.optionalMoney()
            case .retailPrice: retailPrice = try reader.optionalMoney()
            case .calculatedPrice: calculatedPrice = try reader.optionalMoney()
            case .inventoryLevel: inventoryLevel = try reader.optionalInt()
            case .inventoryTracking: inventoryTracking = try reader.optionalString()
            case .availability: availability = try reader.optionalString()
            case .isVisible: isVisible = try reader.optionalBool()
            case .isFeatured: isFeatured = try reader.optionalBool()
            case .sortOrder: sortOrder = try reader.optionalInt()
            case .condition: condition = try reader.optionalString()
            case .gtin: gtin = try reader.optionalString()
            case .upc: upc = try reader.optionalString()
            case .mpn: mpn = try reader.optionalString()
            case .searchKeywords: searchKeywords = try reader.optionalString()
            case .customURL: customURL = try reader.readNull() ? nil : CustomURL(reading: &reader)
            case .reviewsRatingSum: reviewsRatingSum = try reader.optionalMoney()
            case .reviewsCount: reviewsCount = try reader.optionalInt()
            case .totalSold: totalSold = try reader.optionalInt()
            case .baseVariantID: baseVariantID = try reader.optionalInt()
            case .dateCreated: dateCreated = try reader.date()
            case .dateModified: dateModified = try reader.date()
            case .channels: channels = try reader.list { try $0.int() }
            case .images: images = try reader.list { try ProductImage(reading: &$0) }
            case .customFields: customFields = try reader.list { try CustomField(reading: &$0) }
            case .variants: variants = try reader.readNull() ? nil : reader.list { try Variant(reading: &$0) }
            }
        }
        guard let id, let name, let price, let dateCreated, let dateModified else { throw ProductPageReader.Unreadable() }
        self.id = id
        self.name = name
        self.type = type ?? "physical"
        self.sku = sku ?? ""
        self.description = description ?? ""
        self.brandID = brandID ?? 0
        let sale = salePrice ?? 0
        self.price = price
        self.salePrice = sale
        self.retailPrice = retailPrice ?? 0
        self.calculatedPrice = calculatedPrice ?? (sale > 0 ? sale : price)
        self.inventoryLevel = inventoryLevel ?? 0
        self.inventoryTracking = inventoryTracking ?? "none"
        self.availability = availability ?? "available"
        self.isVisible = isVisible ?? true
        self.isFeatured = isFeatured ?? false
        self.sortOrder = sortOrder ?? 0
        self.condition = condition ?? ""
        self.gtin = gtin ?? ""
        self.upc = upc ?? ""
        self.mpn = mpn ?? ""
        self.searchKeywords = searchKeywords ?? ""
        self.reviewsRatingSum = reviewsRatingSum ?? 0
        self.reviewsCount = reviewsCount ?? 0
        self.totalSold = totalSold ?? 0
        self.dateCreated = dateCreated
        self.dateModified = dateModified
    }
}

extension Variant {
    private enum Field: Int, Sendable {
        case id, productID, sku, price, salePrice, retailPrice, calculatedPrice, inventoryLevel, purchasingDisabled
        case imageURL, optionValues
    }

    private static let names = JSONNames(["id", "product_id", "sku", "price", "sale_price", "retail_price", "calculated_price", "inventory_level", "purchasing_disabled", "image_url", "option_values"])

    /// Reads one variant as ``init(from:)`` would, or gives up.
    init(reading reader: inout JSONReader) throws {
        var id: Int?, productID: Int?, sku: String?, inventoryLevel: Int?, purchasingDisabled: Bool?, imageURL: String?
        price = nil
        salePrice = nil
        retailPrice = nil
        calculatedPrice = nil
        optionValues = []
        var seen: UInt64 = 0
        try reader.beginObject()
        while let member = try reader.nextMember() {
            guard let field = reader.index(of: member, in: Self.names).flatMap(Field.init(rawValue:)) else {
                try reader.skipValue()
                continue
            }
            try reader.once(field.rawValue, &seen)
            switch field {
            case .id: id = try reader.int()
            case .productID: productID = try reader.optionalInt()
            case .sku: sku = try reader.optionalString()
            case .price: price = try reader.optionalMoney()
            case .salePrice: salePrice = try reader.optionalMoney()
            case .retailPrice: retailPrice = try reader.optionalMoney()
            case .calculatedPrice: calculatedPrice = try reader.optionalMoney()
            case .inventoryLevel: inventoryLevel = try reader.optionalInt()
            case .purchasingDisabled: purchasingDisabled = try reader.optionalBool()
            case .imageURL: imageURL = try reader.optionalString()
            case .optionValues: optionValues = try reader.list { try OptionValue(reading: &$0) }
            }
        }
        guard let id else { throw ProductPageReader.Unreadable() }
        self.id = id
        self.productID = productID ?? 0
        self.sku = sku ?? ""
        self.inventoryLevel = inventoryLevel ?? 0
        self.purchasingDisabled = purchasingDisabled ?? false
        self.imageURL = imageURL ?? ""
    }
}

extension ProductImage {
    private enum Field: Int, Sendable { case id, isThumbnail, sortOrder, urlStandard, description }

    private static let names = JSONNames(["id", "is_thumbnail", "sort_order", "url_standard", "description"])

    /// Reads one image as ``init(from:)`` would, or gives up.
    init(reading reader: inout JSONReader) throws {
        var id: Int?, isThumbnail: Bool?, sortOrder: Int?, urlStandard: String?, description: String?
        var seen: UInt64 = 0
        try reader.beginObject()
        while let member = try reader.nextMember() {
            guard let field = reader.index(of: member, in: Self.names).flatMap(Field.init(rawValue:)) else {
                try reader.skipValue()
                continue
            }
            try reader.once(field.rawValue, &seen)
            switch field {
            case .id: id = try reader.int()
            case .isThumbnail: isThumbnail = try reader.optionalBool()
            case .sortOrder: sortOrder = try reader.optionalInt()
            case .urlStandard: urlStandard = try reader.optionalString()
            case .description: description = try reader.optionalString()
            }
        }
        guard let id else { throw ProductPageReader.Unreadable() }
        self.id = id
        self.isThumbnail = isThumbnail ?? false
        self.sortOrder = sortOrder ?? 0
        self.urlStandard = urlStandard ?? ""
        self.description = description ?? ""
    }
}

extension CustomField {
    private enum Field: Int, Sendable { case id, name, value }

    private static let names = JSONNames(["id", "name", "value"])

    /// Reads one custom field as ``init(from:)`` would, or gives up.
    init(reading reader: inout JSONReader) throws {
        var id: Int?, name: String?, value: String?
        var seen: UInt64 = 0
        try reader.beginObject()
        while let member = try reader.nextMember() {
            guard let field = reader.index(of: member, in: Self.names).flatMap(Field.init(rawValue:)) else {
                try reader.skipValue()
                continue
            }
            try reader.once(field.rawValue, &seen)
            switch field {
            case .id: id = try reader.optionalInt()
            case .name: name = try reader.optionalString()
            case .value: value = try reader.optionalString()
            }
        }
        self.id = id ?? 0
        self.name = name ?? ""
        self.value = value ?? ""
    }
}

extension CustomURL {
    private enum Field: Int, Sendable { case url, isCustomized }

    private static let names = JSONNames(["url", "is_customized"])

    /// Reads a custom URL as ``init(from:)`` would, or gives up.
    init(reading reader: inout JSONReader) throws {
        var url: String?, isCustomized: Bool?
        var seen: UInt64 = 0
        try reader.beginObject()
        while let member = try reader.nextMember() {
            guard let field = reader.index(of: member, in: Self.names).flatMap(Field.init(rawValue:)) else {
                try reader.skipValue()
                continue
            }
            try reader.once(field.rawValue, &seen)
            switch field {
            case .url: url = try reader.optionalString()
            case .isCustomized: isCustomized = try reader.optionalBool()
            }
        }
        self.url = url ?? ""
        self.isCustomized = isCustomized ?? false
    }
}

extension OptionValue {
    private enum Field: Int, Sendable { case id, label, optionID, optionDisplayName }

    private static let names = JSONNames(["id", "label", "option_id", "option_display_name"])

    /// Reads one option value as ``init(from:)`` would, or gives up.
    init(reading reader: inout JSONReader) throws {
        var id: Int?, label: String?, optionID: Int?, optionDisplayName: String?
        var seen: UInt64 = 0
        try reader.beginObject()
        while let member = try reader.nextMember() {
            guard let field = reader.index(of: member, in: Self.names).flatMap(Field.init(rawValue:)) else {
                try reader.skipValue()
                continue
            }
            try reader.once(field.rawValue, &seen)
            switch field {
            case .id: id = try reader.optionalInt()
            case .label: label = try reader.optionalString()
            case .optionID: optionID = try reader.optionalInt()
            case .optionDisplayName: optionDisplayName = try reader.optionalString()
            }
        }
        self.id = id ?? 0
        self.label = label ?? ""
        self.optionID = optionID ?? 0
        self.optionDisplayName = optionDisplayName ?? ""
    }
}

extension Pagination {
    private enum Field: Int, Sendable { case total, count, perPage, currentPage, totalPages }

    private static let names = JSONNames(["total", "count", "per_page", "current_page", "total_pages"])

    /// Reads `meta.pagination` as ``init(from:)`` would, or gives up.
    init(reading reader: inout JSONReader) throws {
        var seen: UInt64 = 0
        try reader.beginObject()
        while let member = try reader.nextMember() {
            guard let field = reader.index(of: member, in: Self.names).flatMap(Field.init(rawValue:)) else {
                try reader.skipValue()
                continue
            }
            try reader.once(field.rawValue, &seen)
            switch field {
            case .total: total = try reader.optionalInt()
            case .count: count = try reader.optionalInt()
            case .perPage: perPage = try reader.optionalInt()
            case .currentPage: currentPage = try reader.optionalInt()
            case .totalPages: totalPages = try reader.optionalInt()
            }
        }
    }
}

extension PriceRecord {
    private enum Field: Int, Sendable {
        case priceListID, variantID, productID, currency, price, salePrice, retailPrice, calculatedPrice
    }

    private static let names = JSONNames([
        "price_list_id", "variant_id", "product_id", "currency", "price", "sale_price", "retail_price", "calculated_price",
    ])

    /// Reads one price-list record as ``init(from:)`` would, or gives up.
    init(reading reader: inout JSONReader) throws {
        var priceListID: Int?, variantID: Int?, productID: Int?, currency: String?
        price = nil
        salePrice = nil
        retailPrice = nil
        calculatedPrice = nil
        var seen: UInt64 = 0
        try reader.beginObject()
        while let member = try reader.nextMember() {
            guard let field = reader.index(of: member, in: Self.names).flatMap(Field.init(rawValue:)) else {
                try reader.skipValue()
                continue
            }
            try reader.once(field.rawValue, &seen)
            switch field {
            case .priceListID: priceListID = try reader.optionalInt()
            case .variantID: variantID = try reader.int()
            case .productID: productID = try reader.optionalInt()
            case .currency: currency = try reader.string()
            case .price: price = try reader.optionalMoney()
            case .salePrice: salePrice = try reader.optionalMoney()
            case .retailPrice: retailPrice = try reader.optionalMoney()
            case .calculatedPrice: calculatedPrice = try reader.optionalMoney()
            }
        }
        guard let variantID, let currency else { throw ProductPageReader.Unreadable() }
        self.priceListID = priceListID ?? 0
        self.variantID = variantID
        self.productID = productID ?? 0
        self.currency = currency
    }
}
