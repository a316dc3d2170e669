import Foundation

/// One line of a sandbox order (`/v2/orders/{id}/products`). Amounts are in the order's transactional currency.
public struct SandboxOrderLine: Sendable, Hashable {
    /// Order line id (unique across orders).
    public var id: Int
    /// The catalog product; 0 for a gift certificate or a custom product.
    public var productID: Int
    /// The variant bought; 0 when none.
    public var variantID: Int
    /// Line name.
    public var name: String
    /// SKU.
    public var sku: String
    /// `physical`, `digital` or `giftcertificate`.
    public var type: String
    /// Units ordered.
    public var quantity: Int
    /// Unit price before tax (the sandbox charges no tax, so it equals ``priceIncTax``).
    public var priceExTax: Decimal
    /// Unit price including tax.
    public var priceIncTax: Decimal
    /// The line's total discount (coupon or promotion); `discounted_total_inc_tax` is the total less it.
    public var discount: Decimal
    /// Units refunded so far.
    public var quantityRefunded: Int
    /// The parent line of a bundle's child line, or nil.
    public var parentOrderProductID: Int?
    /// Whether the line is a product inside a bundle.
    public var isBundledProduct: Bool

    /// Creates a line.
    public init(
        id: Int, productID: Int, variantID: Int, name: String, sku: String = "", type: String = "physical",
        quantity: Int, priceIncTax: Decimal, discount: Decimal = 0, quantityRefunded: Int = 0,
        parentOrderProductID: Int? = nil, isBundledProduct: Bool = false
    ) {
        self.id = id
        self.productID = productID
        self.variantID = variantID
        self.name = name
        self.sku = sku
        self.type = type
        self.quantity = quantity
        self.priceExTax = priceIncTax
        self.priceIncTax = priceIncTax
        self.discount = discount
        self.quantityRefunded = quantityRefunded
        self.parentOrderProductID = parentOrderProductID
        self.isBundledProduct = isBundledProduct
    }

    /// `price_inc_tax × quantity`.
    public var totalIncTax: Decimal { priceIncTax * Decimal(quantity) }

    /// `discounted_total_inc_tax`: the total less the line's discount.
    public var discountedTotalIncTax: Decimal { totalIncTax - discount }

    /// Whether every unit was refunded (`is_refunded`).
    public var isRefunded: Bool { quantity > 0 && quantityRefunded >= quantity }
}
