import Foundation

/// One BigCommerce parent product with its images, variants and custom fields (mapping.md §2).
public struct SourceProduct: Sendable, Equatable {
    /// The product id.
    public var id: Int
    /// The product name in the store's default language.
    public var name: String
    /// The name's translation for the storefront's (channel, locale), when one exists.
    public var localizedName: String?
    /// The product description as HTML.
    public var description: String
    /// The product SKU.
    public var sku: String
    /// The brand id, 0 when none.
    public var brandID: Int
    /// Ids of the categories the product is in, from any tree.
    public var categories: [Int]
    /// The product price in the store's default currency.
    public var price: Decimal
    /// The product sale price in the store's default currency.
    public var salePrice: Decimal
    /// The product retail price in the store's default currency.
    public var retailPrice: Decimal
    /// The product calculated price in the store's default currency.
    public var calculatedPrice: Decimal
    /// The product-level inventory.
    public var inventoryLevel: Int
    /// How inventory is tracked.
    public var inventoryTracking: InventoryTracking
    /// `available`, `preorder` or `disabled`.
    public var availability: String
    /// Whether the product is visible on the storefront.
    public var isVisible: Bool
    /// Whether the product is featured.
    public var isFeatured: Bool
    /// The merchant's sort order.
    public var sortOrder: Int
    /// `New`, `Used` or `Refurbished`.
    public var condition: String
    /// The GTIN, empty when none.
    public var gtin: String
    /// The UPC, empty when none.
    public var upc: String
    /// The MPN, empty when none.
    public var mpn: String
    /// Comma-separated search keywords.
    public var searchKeywords: String
    /// The product's URL path (`custom_url.url`).
    public var customURLPath: String
    /// Sum of all review ratings.
    public var reviewsRatingSum: Decimal
    /// Number of reviews.
    public var reviewsCount: Int
    /// Number of units sold.
    public var totalSold: Int
    /// When the product was created.
    public var dateCreated: Date
    /// When the product was last modified.
    public var dateModified: Date
    /// Ids of the channels the product is assigned to.
    public var channels: [Int]
    /// The product images.
    public var images: [SourceImage]
    /// The product variants (the base variant for a product without options).
    public var variants: [SourceVariant]
    /// The product's custom fields.
    public var customFields: [SourceCustomField]

    /// Creates a product.
    public init(
        id: Int,
        name: String,
        localizedName: String?,
        description: String,
        sku: String,
        brandID: Int,
        categories: [Int],
        price: Decimal,
        salePrice: Decimal,
        retailPrice: Decimal,
        calculatedPrice: Decimal,
        inventoryLevel: Int,
        inventoryTracking: InventoryTracking,
        availability: String,
        isVisible: Bool,
        isFeatured: Bool,
        sortOrder: Int,
        condition: String,
        gtin: String,
        upc: String,
        mpn: String,
        searchKeywords: String,
        customURLPath: String,
        reviewsRatingSum: Decimal,
        reviewsCount: Int,
        totalSold: Int,
        dateCreated: Date,
        dateModified: Date,
        channels: [Int],
        images: [SourceImage],
        variants: [SourceVariant],
        customFields: [SourceCustomField]
    ) {
        self.id = id
        self.name = name
        self.localizedName = localizedName
        self.description = description
        self.sku = sku
        self.brandID = brandID
        self.categories = categories
        self.price = price
        self.salePrice = salePrice
        self.retailPrice = retailPrice
        self.calculatedPrice = calculatedPrice
        self.inventoryLevel = inventoryLevel
        self.inventoryTracking = inventoryTracking
        self.availability = availability
        self.isVisible = isVisible
        self.isFeatured = isFeatured
        self.sortOrder = sortOrder
        self.condition = condition
        self.gtin = gtin
        self.upc = upc
        self.mpn = mpn
        self.searchKeywords = searchKeywords
        self.customURLPath = customURLPath
        self.reviewsRatingSum = reviewsRatingSum
        self.reviewsCount = reviewsCount
        self.totalSold = totalSold
        self.dateCreated = dateCreated
        self.dateModified = dateModified
        self.channels = channels
        self.images = images
        self.variants = variants
        self.customFields = customFields
    }
}
