import Foundation

/// One option value of a variant, e.g. `Size: L`.
public struct SourceOptionValue: Sendable, Equatable {
    /// The option's display name, e.g. `Size`.
    public var optionDisplayName: String
    /// The value's label, e.g. `L`.
    public var label: String

    /// Creates an option value.
    public init(optionDisplayName: String, label: String) {
        self.optionDisplayName = optionDisplayName
        self.label = label
    }
}
