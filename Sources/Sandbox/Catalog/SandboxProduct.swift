import Foundation

/// One BigCommerce catalog product as the sandbox serves it (`/v3/catalog/products`), with its side-loadable parts.
public struct SandboxProduct: Sendable, Hashable {
    /// Product id.
    public var id: Int
    /// Product name (may contain non-ASCII characters).
    public var name: String
    /// `physical` or `digital`.
    public var type: String
    /// Product-level SKU.
    public var sku: String
    /// HTML description.
    public var description: String
    /// Weight in the store's unit.
    public var weight: Decimal
    /// Default price.
    public var price: Decimal
    /// Cost price.
    public var costPrice: Decimal
    /// Retail ("compare at") price; 0 when unset.
    public var retailPrice: Decimal
    /// Sale price; 0 when unset.
    public var salePrice: Decimal
    /// Minimum advertised price; 0 when unset.
    public var mapPrice: Decimal
    /// Sale price when set, else price (kept up to date by ``recalculate()``).
    public var calculatedPrice: Decimal
    /// Category ids (from any tree).
    public var categories: [Int]
    /// Brand id; 0 for none (may also name a brand that does not exist).
    public var brandID: Int
    /// Stock at the default location.
    public var inventoryLevel: Int
    /// Low-stock warning level.
    public var inventoryWarningLevel: Int
    /// `none`, `product` or `variant`.
    public var inventoryTracking: String
    /// Whether the product is visible on storefronts.
    public var isVisible: Bool
    /// Whether the product is featured.
    public var isFeatured: Bool
    /// `available`, `disabled` or `preorder`.
    public var availability: String
    /// Sort order (lower first).
    public var sortOrder: Int
    /// `New`, `Used` or `Refurbished`.
    public var condition: String
    /// UPC, possibly empty.
    public var upc: String
    /// GTIN, possibly empty.
    public var gtin: String
    /// MPN, possibly empty.
    public var mpn: String
    /// Comma-separated search keywords, as the merchant typed them.
    public var searchKeywords: String
    /// Storefront path, e.g. `/oak-chair-100/`.
    public var customURL: String
    /// Whether the path was customised by the merchant.
    public var customURLIsCustomized: Bool
    /// Sum of review ratings.
    public var reviewsRatingSum: Int
    /// Number of reviews.
    public var reviewsCount: Int
    /// Units sold.
    public var totalSold: Int
    /// Creation time.
    public var dateCreated: Date
    /// Last modification time.
    public var dateModified: Date
    /// Id of the base variant for products without options, else nil.
    public var baseVariantID: Int?
    /// Channel ids the product is assigned to.
    public var channels: [Int]
    /// Images (`include=images`).
    public var images: [SandboxImage]
    /// Variants (`include=variants`); a product without options has exactly its base variant.
    public var variants: [SandboxVariant]
    /// Custom fields (`include=custom_fields`).
    public var customFields: [SandboxCustomField]

    /// Creates a product from all of its fields.
    public init(
        id: Int, name: String, type: String = "physical", sku: String, description: String, weight: Decimal = 1,
        price: Decimal, costPrice: Decimal = 0, retailPrice: Decimal = 0, salePrice: Decimal = 0, mapPrice: Decimal = 0,
        calculatedPrice: Decimal? = nil, categories: [Int] = [], brandID: Int = 0, inventoryLevel: Int = 0,
        inventoryWarningLevel: Int = 0, inventoryTracking: String = "none", isVisible: Bool = true,
        isFeatured: Bool = false, availability: String = "available", sortOrder: Int = 0, condition: String = "New",
        upc: String = "", gtin: String = "", mpn: String = "", searchKeywords: String = "", customURL: String,
        customURLIsCustomized: Bool = false, reviewsRatingSum: Int = 0, reviewsCount: Int = 0, totalSold: Int = 0,
        dateCreated: Date, dateModified: Date, baseVariantID: Int? = nil, channels: [Int] = [1],
        images: [SandboxImage] = [], variants: [SandboxVariant] = [], customFields: [SandboxCustomField] = []
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.sku = sku
        self.description = description
        self.weight = weight
        self.price = price
        self.costPrice = costPrice
        self.retailPrice = retailPrice
        self.salePrice = salePrice
        self.mapPrice = mapPrice
        self.calculatedPrice = calculatedPrice ?? price
        self.categories = categories
        self.brandID = brandID
        self.inventoryLevel = inventoryLevel
        self.inventoryWarningLevel = inventoryWarningLevel
        self.inventoryTracking = inventoryTracking
        self.isVisible = isVisible
        self.isFeatured = isFeatured
        self.availability = availability
        self.sortOrder = sortOrder
        self.condition = condition
        self.upc = upc
        self.gtin = gtin
        self.mpn = mpn
        self.searchKeywords = searchKeywords
        self.customURL = customURL
        self.customURLIsCustomized = customURLIsCustomized
        self.reviewsRatingSum = reviewsRatingSum
        self.reviewsCount = reviewsCount
        self.totalSold = totalSold
        self.dateCreated = dateCreated
        self.dateModified = dateModified
        self.baseVariantID = baseVariantID
        self.channels = channels
        self.images = images
        self.variants = variants
        self.customFields = customFields
        recalculate()
    }

    /// Recomputes the derived `calculated_price` of the product and its variants as BigCommerce does
    /// (sale price when set and non-zero, else price; a variant's null price or sale price inherits the product's).
    public mutating func recalculate() {
        calculatedPrice = salePrice > 0 ? salePrice : price
        for index in variants.indices {
            let variant = variants[index]
            let price = variant.price ?? self.price
            let sale = variant.salePrice ?? (variant.price == nil ? salePrice : 0)
            variants[index].calculatedPrice = sale > 0 ? sale : price
        }
    }
}
