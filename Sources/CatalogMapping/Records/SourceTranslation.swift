/// A product's texts in the storefront's locale (mapping.md §2): each field nil when BigCommerce has no
/// translation for it, so the product's own text applies.
public struct SourceTranslation: Sendable, Hashable {
    /// The translated name.
    public var name: String?
    /// The translated description, as HTML.
    public var description: String?

    /// Creates a translation.
    public init(name: String? = nil, description: String? = nil) {
        self.name = name
        self.description = description
    }
}
