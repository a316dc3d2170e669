/// One entry of a site's `urls`.
public struct SiteURL: Decodable, Sendable, Hashable {
    /// Absolute URL.
    public var url: String
    /// `primary`, `canonical` or `checkout`.
    public var type: String

    private enum CodingKeys: String, CodingKey {
        case url, type
    }

    /// Decodes `{url, type}`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        url = try c.string(.url)
        type = try c.string(.type)
    }
}
