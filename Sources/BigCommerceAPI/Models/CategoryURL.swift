/// A tree category's `url` object.
public struct CategoryURL: Decodable, Sendable, Hashable {
    /// Storefront path such as `/garden/bath/`.
    public var path: String
    /// Whether the merchant customised the path.
    public var isCustomized: Bool

    private enum CodingKeys: String, CodingKey {
        case path
        case isCustomized = "is_customized"
    }

    /// Decodes `{path, is_customized}`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try c.string(.path)
        isCustomized = try c.bool(.isCustomized, default: false)
    }
}
