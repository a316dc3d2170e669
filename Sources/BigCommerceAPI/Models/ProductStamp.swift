import Foundation

/// A product's id and last modification time, as a `date_modified` sweep lists them.
public struct ProductStamp: Decodable, Sendable, Hashable {
    /// The product id.
    public var id: Int
    /// When BigCommerce last changed the product.
    public var dateModified: Date

    /// Creates a stamp.
    public init(id: Int, dateModified: Date) {
        self.id = id
        self.dateModified = dateModified
    }

    private enum CodingKeys: String, CodingKey {
        case id
        case dateModified = "date_modified"
    }

    /// Decodes `{id, date_modified}` from a product object (other members are ignored).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(LenientInt.self, forKey: .id).value
        dateModified = try c.date(.dateModified)
    }
}
