import Foundation

/// A product variant (`productVariant_Full`). Price fields are `nil` when the variant inherits the product's.
public struct Variant: Decodable, Sendable, Equatable {
    /// Variant id.
    public var id: Int
    /// Parent product id.
    public var productID: Int
    /// Variant SKU.
    public var sku: String
    /// Own price, or `nil` to inherit the product's.
    public var price: Decimal?
    /// Own sale price, or `nil` to inherit.
    public var salePrice: Decimal?
    /// Own retail price, or `nil` to inherit.
    public var retailPrice: Decimal?
    /// Storefront price including sale and adjustments.
    public var calculatedPrice: Decimal?
    /// Inventory at the default location.
    public var inventoryLevel: Int
    /// Whether the variant cannot be bought.
    public var purchasingDisabled: Bool
    /// Variant image URL (may be empty).
    public var imageURL: String
    /// Option values that define the variant (empty for the base variant).
    public var optionValues: [OptionValue]

    private enum CodingKeys: String, CodingKey {
        case id, sku, price
        case productID = "product_id"
        case salePrice = "sale_price"
        case retailPrice = "retail_price"
        case calculatedPrice = "calculated_price"
        case inventoryLevel = "inventory_level"
        case purchasingDisabled = "purchasing_disabled"
        case imageURL = "image_url"
        case optionValues = "option_values"
    }

    /// Decodes leniently (nullable prices, ids as numbers or strings).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.lenientInt(.id)
        productID = try c.lenientInt(.productID, default: 0)
        sku = try c.string(.sku)
        price = try c.moneyIfPresent(.price)
        salePrice = try c.moneyIfPresent(.salePrice)
        retailPrice = try c.moneyIfPresent(.retailPrice)
        calculatedPrice = try c.moneyIfPresent(.calculatedPrice)
        inventoryLevel = try c.lenientInt(.inventoryLevel, default: 0)
        purchasingDisabled = try c.bool(.purchasingDisabled, default: false)
        imageURL = try c.string(.imageURL)
        optionValues = try c.list(OptionValue.self, .optionValues)
    }
}
