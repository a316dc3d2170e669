/// A product image (`include=images`).
public struct ProductImage: Decodable, Sendable, Hashable {
    /// Image id.
    public var id: Int
    /// Whether this is the product's thumbnail.
    public var isThumbnail: Bool
    /// Display order (lower first).
    public var sortOrder: Int
    /// Standard-size image URL.
    public var urlStandard: String
    /// Alt text.
    public var description: String

    private enum CodingKeys: String, CodingKey {
        case id, description
        case isThumbnail = "is_thumbnail"
        case sortOrder = "sort_order"
        case urlStandard = "url_standard"
    }

    /// Decodes the image fields clerkbridge uses.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.lenientInt(.id)
        isThumbnail = try c.bool(.isThumbnail, default: false)
        sortOrder = try c.lenientInt(.sortOrder, default: 0)
        urlStandard = try c.string(.urlStandard)
        description = try c.string(.description)
    }
}
