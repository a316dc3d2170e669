/// One option value of a variant (`option_values[]`).
public struct SandboxOptionValue: Sendable, Hashable {
    /// Option value id.
    public var id: Int
    /// Label shown to shoppers, e.g. `L`.
    public var label: String
    /// Option id.
    public var optionID: Int
    /// Option display name, e.g. `Size`.
    public var optionDisplayName: String

    /// Creates an option value.
    public init(id: Int, label: String, optionID: Int, optionDisplayName: String) {
        self.id = id
        self.label = label
        self.optionID = optionID
        self.optionDisplayName = optionDisplayName
    }
}
