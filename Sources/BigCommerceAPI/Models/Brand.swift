/// A brand (`/v3/catalog/brands`).
public struct Brand: Decodable, Sendable, Hashable {
    /// Brand id.
    public var id: Int
    /// Brand name.
    public var name: String

    private enum CodingKeys: String, CodingKey {
        case id, name
    }

    /// Decodes `{id, name}`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.lenientInt(.id)
        name = try c.string(.name)
    }
}
