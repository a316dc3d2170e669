/// One option value of a variant, e.g. `Size: Large`.
public struct OptionValue: Decodable, Sendable, Hashable {
    /// Option value id.
    public var id: Int
    /// Label, e.g. `Large`.
    public var label: String
    /// Option id.
    public var optionID: Int
    /// Option display name, e.g. `Size`.
    public var optionDisplayName: String

    private enum CodingKeys: String, CodingKey {
        case id, label
        case optionID = "option_id"
        case optionDisplayName = "option_display_name"
    }

    /// Decodes `{id, label, option_id, option_display_name}`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.lenientInt(.id, default: 0)
        label = try c.string(.label)
        optionID = try c.lenientInt(.optionID, default: 0)
        optionDisplayName = try c.string(.optionDisplayName)
    }
}
