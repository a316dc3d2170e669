import Foundation

/// One price-list record for a variant in one currency. `nil` amounts fall back to conversion.
public struct SourcePriceRecord: Sendable, Equatable {
    /// The variant the record prices.
    public var variantID: Int
    /// ISO code of the record's currency.
    public var currency: String
    /// The record's price, if set.
    public var price: Decimal?
    /// The record's sale price, if set.
    public var salePrice: Decimal?
    /// The record's retail price, if set.
    public var retailPrice: Decimal?
    /// The record's calculated price, if set.
    public var calculatedPrice: Decimal?

    /// Creates a price record.
    public init(
        variantID: Int,
        currency: String,
        price: Decimal?,
        salePrice: Decimal?,
        retailPrice: Decimal?,
        calculatedPrice: Decimal?
    ) {
        self.variantID = variantID
        self.currency = currency
        self.price = price
        self.salePrice = salePrice
        self.retailPrice = retailPrice
        self.calculatedPrice = calculatedPrice
    }
}
