/// A product custom field `{id, name, value}`.
public struct CustomField: Decodable, Sendable, Hashable {
    /// Custom field id.
    public var id: Int
    /// Field name.
    public var name: String
    /// Field value.
    public var value: String

    private enum CodingKeys: String, CodingKey {
        case id, name, value
    }

    /// Decodes `{id, name, value}`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.lenientInt(.id, default: 0)
        name = try c.string(.name)
        value = try c.string(.value)
    }
}
