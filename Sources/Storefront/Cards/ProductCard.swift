import CatalogMapping
import Foundation

/// A product as the storefront shows it (contract.md, "A product card"), resolved from the catalog mirror: what
/// clerkbridge last wrote to the storefront's Clerk store, so it is the live BigCommerce data in the storefront's
/// currency.
///
/// Encodes `{"id","name","url","image","price":{"value","currency","formatted"},"list_price":{…},"on_sale",
/// "in_stock","brand","rating","review_count"}`; fields without a value are omitted, never `null`.
public struct ProductCard: Sendable, Hashable, Encodable {
    /// An amount with its currency and its shopper-facing text.
    public struct Money: Sendable, Hashable, Encodable {
        /// The amount, exact.
        public var value: Decimal
        /// The ISO currency code.
        public var currency: String
        /// The amount as shoppers see it, e.g. `$1,234.50`.
        public var formatted: String

        /// The amount `value` in `currency`, formatted by its display settings.
        public init(_ value: Decimal, in currency: SourceCurrency) {
            self.value = value
            self.currency = currency.code
            self.formatted = currency.format(value)
        }
    }

    /// The product id.
    public var id: Int
    /// The product name.
    public var name: String
    /// The product page.
    public var url: String?
    /// The main image.
    public var image: String?
    /// The lowest price a shopper pays.
    public var price: Money?
    /// The price before a discount, when there is one.
    public var listPrice: Money?
    /// Whether `price` is below `list_price`.
    public var onSale: Bool
    /// Whether it can be bought.
    public var inStock: Bool
    /// The brand name.
    public var brand: String?
    /// The average review rating.
    public var rating: Decimal?
    /// How many reviews it has.
    public var reviewCount: Int?

    enum CodingKeys: String, CodingKey {
        case id, name, url, image, price, brand, rating
        case listPrice = "list_price"
        case onSale = "on_sale"
        case inStock = "in_stock"
        case reviewCount = "review_count"
    }

    /// The card of a mirrored product document in `currency`; nil when the document is unreadable or the product
    /// is hidden (`index` false: Clerk keeps it for its algorithms but it is never shown).
    public init?(document: [UInt8], currency: SourceCurrency) {
        guard let fields = try? JSONDecoder().decode(MirroredProduct.self, from: Data(document)),
            fields.index != false
        else { return nil }
        id = fields.id
        name = fields.name ?? ""
        url = fields.url
        image = fields.image
        price = fields.price.map { Money($0, in: currency) }
        listPrice = fields.listPrice.map { Money($0, in: currency) }
        onSale = fields.onSale ?? false
        inStock = fields.inStock ?? true
        brand = fields.brand
        rating = fields.rating
        reviewCount = fields.reviewCount
    }

    /// Encodes the contract's shape, leaving out absent values.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(url, forKey: .url)
        try c.encodeIfPresent(image, forKey: .image)
        try c.encodeIfPresent(price, forKey: .price)
        try c.encodeIfPresent(listPrice, forKey: .listPrice)
        try c.encode(onSale, forKey: .onSale)
        try c.encode(inStock, forKey: .inStock)
        try c.encodeIfPresent(brand, forKey: .brand)
        try c.encodeIfPresent(rating, forKey: .rating)
        try c.encodeIfPresent(reviewCount, forKey: .reviewCount)
    }
}

/// The fields of a mirrored Clerk product document a card needs (mapping.md §2).
private struct MirroredProduct: Decodable {
    var id: Int
    var name: String?
    var url: String?
    var image: String?
    var price: Decimal?
    var listPrice: Decimal?
    var onSale: Bool?
    var inStock: Bool?
    var brand: String?
    var rating: Decimal?
    var reviewCount: Int?
    var index: Bool?

    enum CodingKeys: String, CodingKey {
        case id, name, url, image, price, brand, rating, index
        case listPrice = "list_price"
        case onSale = "on_sale"
        case inStock = "in_stock"
        case reviewCount = "review_count"
    }
}
