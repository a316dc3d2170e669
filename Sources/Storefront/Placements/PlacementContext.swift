/// What the shopper's page tells a placement (`GET /v1/recommendations` context parameters).
public struct PlacementContext: Sendable, Hashable {
    /// The product on the page (`product`).
    public var product: Int?
    /// The category on the page (`category`).
    public var category: Int?
    /// The products in the cart (`cart`).
    public var cart: [Int]
    /// The order just placed (`order`), as far as it could be read; nil when the page named none.
    public var order: OrderContext?
    /// The visitor (`visitor`).
    public var visitor: String?
    /// The signed-in customer's verified email (from `customer_token`), never one the page merely claims.
    public var customerEmail: String?

    /// Creates a context.
    public init(
        product: Int? = nil, category: Int? = nil, cart: [Int] = [], order: OrderContext? = nil, visitor: String? = nil,
        customerEmail: String? = nil
    ) {
        self.product = product
        self.category = category
        self.cart = cart
        self.order = order
        self.visitor = visitor
        self.customerEmail = customerEmail
    }
}
