/// One keyset page of products: the records that decoded and those that did not.
public struct ProductPage: Sendable {
    /// Products that decoded.
    public var products: [Product]
    /// Products that failed to decode, with their raw JSON.
    public var malformed: [MalformedRecord]
    /// Highest product id seen on the page (decoded or not); `nil` on an empty page.
    public var lastID: Int?
    /// Whether no product follows this page.
    public var isLast: Bool
    /// How many products match the page's filter (this page and all after it), when BigCommerce said.
    public var total: Int?

    /// Creates a page.
    public init(products: [Product], malformed: [MalformedRecord], lastID: Int?, isLast: Bool, total: Int? = nil) {
        self.products = products
        self.malformed = malformed
        self.lastID = lastID
        self.isLast = isLast
        self.total = total
    }
}
