import Foundation

/// One product variant (`/v3/catalog/variants`, `include=variants`). Null prices inherit the product's.
public struct SandboxVariant: Sendable, Hashable {
    /// Variant id.
    public var id: Int
    /// Parent product id.
    public var productID: Int
    /// Variant SKU.
    public var sku: String
    /// SKU id.
    public var skuID: Int?
    /// Option values; empty for a base variant.
    public var optionValues: [SandboxOptionValue]
    /// Price, or nil to inherit the product's.
    public var price: Decimal?
    /// Sale price, or nil to inherit.
    public var salePrice: Decimal?
    /// Retail price, or nil to inherit.
    public var retailPrice: Decimal?
    /// Minimum advertised price, or nil.
    public var mapPrice: Decimal?
    /// Cost price, or nil.
    public var costPrice: Decimal?
    /// Storefront price (derived; see ``SandboxProduct/recalculate()``).
    public var calculatedPrice: Decimal
    /// Weight, or nil to inherit.
    public var weight: Decimal?
    /// Whether the variant cannot be bought.
    public var purchasingDisabled: Bool
    /// Message shown when purchasing is disabled.
    public var purchasingDisabledMessage: String
    /// Variant image URL, `""` when none.
    public var imageURL: String
    /// UPC, possibly empty.
    public var upc: String
    /// MPN, possibly empty.
    public var mpn: String
    /// GTIN, possibly empty.
    public var gtin: String
    /// Stock at the default location.
    public var inventoryLevel: Int
    /// Low-stock warning level.
    public var inventoryWarningLevel: Int

    /// Creates a variant.
    public init(
        id: Int, productID: Int, sku: String, skuID: Int? = nil, optionValues: [SandboxOptionValue] = [],
        price: Decimal? = nil, salePrice: Decimal? = nil, retailPrice: Decimal? = nil, mapPrice: Decimal? = nil,
        costPrice: Decimal? = nil, calculatedPrice: Decimal = 0, weight: Decimal? = nil, purchasingDisabled: Bool = false,
        purchasingDisabledMessage: String = "", imageURL: String = "", upc: String = "", mpn: String = "",
        gtin: String = "", inventoryLevel: Int = 0, inventoryWarningLevel: Int = 0
    ) {
        self.id = id
        self.productID = productID
        self.sku = sku
        self.skuID = skuID
        self.optionValues = optionValues
        self.price = price
        self.salePrice = salePrice
        self.retailPrice = retailPrice
        self.mapPrice = mapPrice
        self.costPrice = costPrice
        self.calculatedPrice = calculatedPrice
        self.weight = weight
        self.purchasingDisabled = purchasingDisabled
        self.purchasingDisabledMessage = purchasingDisabledMessage
        self.imageURL = imageURL
        self.upc = upc
        self.mpn = mpn
        self.gtin = gtin
        self.inventoryLevel = inventoryLevel
        self.inventoryWarningLevel = inventoryWarningLevel
    }
}
