/// A category found by `search/categories`: `{id, name, url}`.
public struct ClerkCategoryHit: Sendable, Hashable {
    /// The category id.
    public var id: Int
    /// The category's name.
    public var name: String
    /// The category page's URL, when Clerk has one.
    public var url: String?

    /// Creates a hit.
    public init(id: Int, name: String, url: String?) {
        self.id = id
        self.name = name
        self.url = url
    }
}
