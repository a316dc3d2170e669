/// A category tree (`/v3/catalog/trees`), assigned to at most one channel.
public struct CategoryTree: Decodable, Sendable, Hashable {
    /// Tree id.
    public var id: Int
    /// Tree name.
    public var name: String
    /// Channels the tree is assigned to.
    public var channels: [Int]

    private enum CodingKeys: String, CodingKey {
        case id, name, channels
    }

    /// Decodes `{id, name, channels}`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.lenientInt(.id)
        name = try c.string(.name)
        channels = try c.lenientInts(.channels)
    }
}
