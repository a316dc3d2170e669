/// Why a merchant's Mustache template cannot be used; names the template and what the parser said.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    /// What was wrong with the template.
    public var description: String
}
