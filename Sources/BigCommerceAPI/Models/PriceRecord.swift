import Foundation

/// A price-list record for one variant and currency (`/v3/pricelists/{id}/records`).
public struct PriceRecord: Decodable, Sendable, Hashable {
    /// Price list id.
    public var priceListID: Int
    /// Variant id.
    public var variantID: Int
    /// Product id.
    public var productID: Int
    /// Currency code.
    public var currency: String
    /// Price, `nil` when the list does not set it.
    public var price: Decimal?
    /// Sale price, `nil` when not set.
    public var salePrice: Decimal?
    /// Retail price, `nil` when not set.
    public var retailPrice: Decimal?
    /// Calculated price, `nil` when not set.
    public var calculatedPrice: Decimal?

    private enum CodingKeys: String, CodingKey {
        case currency, price
        case priceListID = "price_list_id"
        case variantID = "variant_id"
        case productID = "product_id"
        case salePrice = "sale_price"
        case retailPrice = "retail_price"
        case calculatedPrice = "calculated_price"
    }

    /// Decodes a record (prices nullable, as numbers or strings).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        priceListID = try c.lenientInt(.priceListID, default: 0)
        variantID = try c.lenientInt(.variantID)
        productID = try c.lenientInt(.productID, default: 0)
        currency = try c.decode(String.self, forKey: .currency)
        price = try c.moneyIfPresent(.price)
        salePrice = try c.moneyIfPresent(.salePrice)
        retailPrice = try c.moneyIfPresent(.retailPrice)
        calculatedPrice = try c.moneyIfPresent(.calculatedPrice)
    }
}
