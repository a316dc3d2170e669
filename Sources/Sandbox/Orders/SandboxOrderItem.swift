import Foundation

/// What a shopper puts in an order placed with ``SandboxOrderEvents/placeOrder(channelID:customerID:guestEmail:items:displayCurrency:transactionalCurrency:exchangeRate:cartID:locale:status:at:)``.
public struct SandboxOrderItem: Sendable, Hashable {
    /// The catalog product.
    public var productID: Int
    /// The variant; nil takes the product's first variant.
    public var variantID: Int?
    /// Units bought.
    public var quantity: Int
    /// A discount on the whole line, in the transactional currency.
    public var discount: Decimal

    /// Creates an item.
    public init(productID: Int, variantID: Int? = nil, quantity: Int = 1, discount: Decimal = 0) {
        self.productID = productID
        self.variantID = variantID
        self.quantity = quantity
        self.discount = discount
    }
}
