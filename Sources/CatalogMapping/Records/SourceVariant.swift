import Foundation

/// One variant of a product. A `nil` amount inherits the product's amount of the same name.
public struct SourceVariant: Sendable, Equatable {
    /// The variant id.
    public var id: Int
    /// The variant SKU.
    public var sku: String
    /// The variant's price, or `nil` to inherit the product's.
    public var price: Decimal?
    /// The variant's sale price, or `nil` to inherit the product's.
    public var salePrice: Decimal?
    /// The variant's retail price, or `nil` to inherit the product's.
    public var retailPrice: Decimal?
    /// The variant's calculated price, or `nil` to inherit the product's.
    public var calculatedPrice: Decimal?
    /// The variant's inventory level.
    public var inventoryLevel: Int
    /// Whether the variant cannot be purchased.
    public var purchasingDisabled: Bool
    /// The variant's image URL, empty when none.
    public var imageURL: String
    /// The variant's option values, in BigCommerce's order.
    public var optionValues: [SourceOptionValue]

    /// Creates a variant.
    public init(
        id: Int,
        sku: String,
        price: Decimal?,
        salePrice: Decimal?,
        retailPrice: Decimal?,
        calculatedPrice: Decimal?,
        inventoryLevel: Int,
        purchasingDisabled: Bool,
        imageURL: String,
        optionValues: [SourceOptionValue]
    ) {
        self.id = id
        self.sku = sku
        self.price = price
        self.salePrice = salePrice
        self.retailPrice = retailPrice
        self.calculatedPrice = calculatedPrice
        self.inventoryLevel = inventoryLevel
        self.purchasingDisabled = purchasingDisabled
        self.imageURL = imageURL
        self.optionValues = optionValues
    }
}
