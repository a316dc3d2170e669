/// One product custom field (`include=custom_fields`).
public struct SandboxCustomField: Sendable, Hashable {
    /// Custom field id.
    public var id: Int
    /// Field name as the merchant typed it.
    public var name: String
    /// Field value.
    public var value: String

    /// Creates a custom field.
    public init(id: Int, name: String, value: String) {
        self.id = id
        self.name = name
        self.value = value
    }
}
