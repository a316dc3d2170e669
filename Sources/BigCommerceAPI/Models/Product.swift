import Foundation

/// A catalog product (`/v3/catalog/products`, `product_Full`), reduced to the fields clerkbridge maps.
public struct Product: Decodable, Sendable, Equatable {
    /// Product id.
    public var id: Int
    /// Product name.
    public var name: String
    /// `physical` or `digital`.
    public var type: String
    /// Product-level SKU (may be empty).
    public var sku: String
    /// Description as HTML.
    public var description: String
    /// Brand id; 0 when none.
    public var brandID: Int
    /// Category ids from any tree.
    public var categories: [Int]
    /// Default price.
    public var price: Decimal
    /// Sale price; 0 when none.
    public var salePrice: Decimal
    /// Retail (MSRP) price; 0 when none.
    public var retailPrice: Decimal
    /// Sale price if set, else price.
    public var calculatedPrice: Decimal
    /// Inventory at the default location.
    public var inventoryLevel: Int
    /// `none`, `product` or `variant`.
    public var inventoryTracking: String
    /// `available`, `disabled` or `preorder`.
    public var availability: String
    /// Whether the product is visible on the storefront.
    public var isVisible: Bool
    /// Whether the product is featured.
    public var isFeatured: Bool
    /// Merchant sort order (lower first).
    public var sortOrder: Int
    /// `New`, `Used` or `Refurbished`.
    public var condition: String
    /// GTIN (may be empty).
    public var gtin: String
    /// UPC (may be empty).
    public var upc: String
    /// MPN (may be empty).
    public var mpn: String
    /// Comma-separated search keywords.
    public var searchKeywords: String
    /// Storefront path, e.g. `/orbit-terrarium/`.
    public var customURL: CustomURL?
    /// Sum of review ratings.
    public var reviewsRatingSum: Decimal
    /// Number of reviews.
    public var reviewsCount: Int
    /// Units sold.
    public var totalSold: Int
    /// Id of the base variant (simple products only).
    public var baseVariantID: Int?
    /// Creation time.
    public var dateCreated: Date
    /// Last modification time.
    public var dateModified: Date
    /// Channel ids the product is assigned to (`include=channels`; empty when not included).
    public var channels: [Int]
    /// Images (`include=images`).
    public var images: [ProductImage]
    /// Custom fields (`include=custom_fields`).
    public var customFields: [CustomField]
    /// Variants when `include=variants` was requested, otherwise `nil`.
    public var variants: [Variant]?

    private enum CodingKeys: String, CodingKey {
        case id, name, type, sku, description, categories, price, availability, condition, gtin, upc, mpn, channels,
            images, variants
        case brandID = "brand_id"
        case salePrice = "sale_price"
        case retailPrice = "retail_price"
        case calculatedPrice = "calculated_price"
        case inventoryLevel = "inventory_level"
        case inventoryTracking = "inventory_tracking"
        case isVisible = "is_visible"
        case isFeatured = "is_featured"
        case sortOrder = "sort_order"
        case searchKeywords = "search_keywords"
        case customURL = "custom_url"
        case reviewsRatingSum = "reviews_rating_sum"
        case reviewsCount = "reviews_count"
        case totalSold = "total_sold"
        case baseVariantID = "base_variant_id"
        case dateCreated = "date_created"
        case dateModified = "date_modified"
        case customFields = "custom_fields"
    }

    /// Decodes leniently: ids as numbers or strings, money as numbers or strings, optional fields defaulted.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.lenientInt(.id)
        name = try c.decode(String.self, forKey: .name)
        type = try c.string(.type, default: "physical")
        sku = try c.string(.sku)
        description = try c.string(.description)
        brandID = try c.lenientInt(.brandID, default: 0)
        categories = try c.lenientInts(.categories)
        price = try c.money(.price)
        salePrice = try c.money(.salePrice, default: 0)
        retailPrice = try c.money(.retailPrice, default: 0)
        calculatedPrice = try c.money(.calculatedPrice, default: salePrice > 0 ? salePrice : price)
        inventoryLevel = try c.lenientInt(.inventoryLevel, default: 0)
        inventoryTracking = try c.string(.inventoryTracking, default: "none")
        availability = try c.string(.availability, default: "available")
        isVisible = try c.bool(.isVisible, default: true)
        isFeatured = try c.bool(.isFeatured, default: false)
        sortOrder = try c.lenientInt(.sortOrder, default: 0)
        condition = try c.string(.condition)
        gtin = try c.string(.gtin)
        upc = try c.string(.upc)
        mpn = try c.string(.mpn)
        searchKeywords = try c.string(.searchKeywords)
        customURL = try c.decodeIfPresent(CustomURL.self, forKey: .customURL)
        reviewsRatingSum = try c.money(.reviewsRatingSum, default: 0)
        reviewsCount = try c.lenientInt(.reviewsCount, default: 0)
        totalSold = try c.lenientInt(.totalSold, default: 0)
        baseVariantID = try c.lenientIntIfPresent(.baseVariantID)
        dateCreated = try c.date(.dateCreated)
        dateModified = try c.date(.dateModified)
        channels = try c.decodeIfPresent([ChannelReference].self, forKey: .channels)?.map(\.channelID) ?? []
        images = try c.list(ProductImage.self, .images)
        customFields = try c.list(CustomField.self, .customFields)
        variants = try c.decodeIfPresent([Variant].self, forKey: .variants)
    }
}

/// One entry of a product's `channels` include: a channel id, or an object holding one.
private struct ChannelReference: Decodable {
    var channelID: Int

    private enum CodingKeys: String, CodingKey {
        case channelID = "channel_id"
        case id
    }

    init(from decoder: any Decoder) throws {
        if let plain = try? decoder.singleValueContainer().decode(LenientInt.self) {
            channelID = plain.value
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        channelID = try c.lenientIntIfPresent(.channelID) ?? c.lenientInt(.id)
    }
}
