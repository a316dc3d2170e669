/// A product's or brand's `custom_url`: the storefront path.
public struct CustomURL: Decodable, Sendable, Hashable {
    /// Storefront path such as `/orbit-terrarium/`.
    public var url: String
    /// Whether the merchant customised the path.
    public var isCustomized: Bool

    private enum CodingKeys: String, CodingKey {
        case url
        case isCustomized = "is_customized"
    }

    /// Decodes `{url, is_customized}`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        url = try c.string(.url)
        isCustomized = try c.bool(.isCustomized, default: false)
    }
}
