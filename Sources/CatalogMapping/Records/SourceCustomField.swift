import Foundation

/// One custom field `{name, value}` of a product.
public struct SourceCustomField: Sendable, Equatable {
    /// The custom field id.
    public var id: Int
    /// The field's name.
    public var name: String
    /// The field's value.
    public var value: String

    /// Creates a custom field.
    public init(id: Int, name: String, value: String) {
        self.id = id
        self.name = name
        self.value = value
    }
}
