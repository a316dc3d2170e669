/// One category of a category tree (`/v3/catalog/trees/categories`).
public struct SandboxCategory: Sendable, Hashable {
    /// `category_id`.
    public var id: Int
    /// Parent category id; 0 for a root.
    public var parentID: Int
    /// Tree id.
    public var treeID: Int
    /// Name.
    public var name: String
    /// HTML description.
    public var description: String
    /// Image URL, `""` when none.
    public var imageURL: String
    /// Whether shoppers can see the category.
    public var isVisible: Bool
    /// Sort order.
    public var sortOrder: Int
    /// Storefront path (`url.path`).
    public var urlPath: String

    /// Creates a category.
    public init(id: Int, parentID: Int, treeID: Int, name: String, description: String = "", imageURL: String = "", isVisible: Bool = true, sortOrder: Int = 0, urlPath: String) {
        self.id = id
        self.parentID = parentID
        self.treeID = treeID
        self.name = name
        self.description = description
        self.imageURL = imageURL
        self.isVisible = isVisible
        self.sortOrder = sortOrder
        self.urlPath = urlPath
    }
}
