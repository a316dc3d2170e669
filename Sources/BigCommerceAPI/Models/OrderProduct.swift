import Foundation

/// One line of an order (`GET /v2/orders/{id}/products`, reference §6.1). Amounts are in the order's
/// transactional currency, kept exact.
public struct OrderProduct: Decodable, Sendable, Hashable {
    /// Order line id.
    public var id: Int
    /// The order it belongs to.
    public var orderID: Int
    /// The catalog product (the parent product); 0 for a custom product or a gift certificate.
    public var productID: Int
    /// The variant bought; 0 when none.
    public var variantID: Int
    /// `physical`, `digital` or `giftcertificate`.
    public var type: String
    /// Units ordered.
    public var quantity: Int
    /// Unit price including tax (`price_inc_tax`).
    public var priceIncTax: Decimal
    /// The line total including tax after line discounts (`discounted_total_inc_tax`), when sent.
    public var discountedTotalIncTax: Decimal?
    /// Whether the line was refunded (`is_refunded`).
    public var isRefunded: Bool
    /// Units refunded so far (`quantity_refunded`).
    public var quantityRefunded: Int
    /// The line this one is part of (a bundle's child line), or nil for a top-level line.
    public var parentOrderProductID: Int?
    /// Whether this line is a product inside a bundle (`is_bundled_product`).
    public var isBundledProduct: Bool

    /// Creates an order line (tests, simulators).
    public init(
        id: Int, orderID: Int, productID: Int, variantID: Int, type: String, quantity: Int, priceIncTax: Decimal,
        discountedTotalIncTax: Decimal?, isRefunded: Bool, quantityRefunded: Int, parentOrderProductID: Int?,
        isBundledProduct: Bool
    ) {
        self.id = id
        self.orderID = orderID
        self.productID = productID
        self.variantID = variantID
        self.type = type
        self.quantity = quantity
        self.priceIncTax = priceIncTax
        self.discountedTotalIncTax = discountedTotalIncTax
        self.isRefunded = isRefunded
        self.quantityRefunded = quantityRefunded
        self.parentOrderProductID = parentOrderProductID
        self.isBundledProduct = isBundledProduct
    }

    private enum CodingKeys: String, CodingKey {
        case id, type, quantity
        case orderID = "order_id"
        case productID = "product_id"
        case variantID = "variant_id"
        case priceIncTax = "price_inc_tax"
        case discountedTotalIncTax = "discounted_total_inc_tax"
        case isRefunded = "is_refunded"
        case quantityRefunded = "quantity_refunded"
        case parentOrderProductID = "parent_order_product_id"
        case isBundledProduct = "is_bundled_product"
    }

    /// Decodes a V2 order line leniently (ids and quantities as numbers or strings, money as strings or numbers);
    /// a `parent_order_product_id` of 0 or null means a top-level line.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.lenientInt(.id)
        orderID = try c.lenientInt(.orderID, default: 0)
        productID = try c.lenientInt(.productID, default: 0)
        variantID = try c.lenientInt(.variantID, default: 0)
        type = try c.string(.type, default: "physical")
        quantity = try c.lenientInt(.quantity, default: 0)
        priceIncTax = try c.money(.priceIncTax, default: 0)
        discountedTotalIncTax = try c.moneyIfPresent(.discountedTotalIncTax)
        isRefunded = try c.bool(.isRefunded, default: false)
        quantityRefunded = try c.lenientInt(.quantityRefunded, default: 0)
        let parent = try c.lenientIntIfPresent(.parentOrderProductID)
        parentOrderProductID = parent == 0 ? nil : parent
        isBundledProduct = try c.bool(.isBundledProduct, default: false)
    }
}
