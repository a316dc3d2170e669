import Foundation

/// One product of an order in `log/sale`, sent as `{"id":…,"price":…,"quantity":…}`.
///
/// `price` is the unit price (Clerk multiplies it by `quantity`); it is written as a JSON number straight from
/// its decimal digits, never through `Double`.
public struct SaleLine: Sendable, Hashable {
    /// The product id (Clerk's product `id`, i.e. the parent product, not the variant).
    public var productID: Int
    /// Units sold.
    public var quantity: Int
    /// Unit price in the Clerk store's currency.
    public var price: Decimal

    /// Creates a sale line.
    public init(productID: Int, quantity: Int, price: Decimal) {
        self.productID = productID
        self.quantity = quantity
        self.price = price
    }
}
