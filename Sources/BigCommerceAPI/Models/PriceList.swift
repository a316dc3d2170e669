/// A price list (`/v3/pricelists`).
public struct PriceList: Decodable, Sendable, Hashable {
    /// Price list id.
    public var id: Int
    /// Name.
    public var name: String
    /// Whether the list is active.
    public var active: Bool

    private enum CodingKeys: String, CodingKey {
        case id, name, active
    }

    /// Decodes `{id, name, active}`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.lenientInt(.id)
        name = try c.string(.name)
        active = try c.bool(.active, default: false)
    }
}
