import Foundation

/// One price-list record: the price of one variant in one currency (`/v3/pricelists/{id}/records`).
public struct SandboxPriceRecord: Sendable, Hashable {
    /// Price list id.
    public var priceListID: Int
    /// Variant id.
    public var variantID: Int
    /// Product id.
    public var productID: Int
    /// Variant SKU.
    public var sku: String
    /// ISO currency code.
    public var currency: String
    /// Price, or nil.
    public var price: Decimal?
    /// Sale price, or nil.
    public var salePrice: Decimal?
    /// Retail price, or nil.
    public var retailPrice: Decimal?
    /// Minimum advertised price, or nil.
    public var mapPrice: Decimal?
    /// Calculated price, or nil.
    public var calculatedPrice: Decimal?

    /// Creates a record.
    public init(priceListID: Int, variantID: Int, productID: Int, sku: String, currency: String, price: Decimal?, salePrice: Decimal? = nil, retailPrice: Decimal? = nil, mapPrice: Decimal? = nil, calculatedPrice: Decimal? = nil) {
        self.priceListID = priceListID
        self.variantID = variantID
        self.productID = productID
        self.sku = sku
        self.currency = currency
        self.price = price
        self.salePrice = salePrice
        self.retailPrice = retailPrice
        self.mapPrice = mapPrice
        self.calculatedPrice = calculatedPrice
    }
}
