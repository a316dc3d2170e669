/// A category from the flat list `/v3/catalog/trees/categories`.
public struct TreeCategory: Decodable, Sendable, Hashable {
    /// Category id (`category_id`).
    public var categoryID: Int
    /// Parent category id; 0 for a root category.
    public var parentID: Int
    /// Tree the category belongs to.
    public var treeID: Int
    /// Category name.
    public var name: String
    /// Description as HTML.
    public var description: String
    /// Image URL (may be empty).
    public var imageURL: String
    /// Whether the category is visible.
    public var isVisible: Bool
    /// Merchant sort order.
    public var sortOrder: Int
    /// Storefront path.
    public var url: CategoryURL?

    private enum CodingKeys: String, CodingKey {
        case name, description, url, id
        case categoryID = "category_id"
        case parentID = "parent_id"
        case treeID = "tree_id"
        case imageURL = "image_url"
        case isVisible = "is_visible"
        case sortOrder = "sort_order"
    }

    /// Decodes a tree category (falls back to `id` when `category_id` is absent).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        categoryID = try c.lenientIntIfPresent(.categoryID) ?? c.lenientInt(.id)
        parentID = try c.lenientInt(.parentID, default: 0)
        treeID = try c.lenientInt(.treeID, default: 0)
        name = try c.decode(String.self, forKey: .name)
        description = try c.string(.description)
        imageURL = try c.string(.imageURL)
        isVisible = try c.bool(.isVisible, default: true)
        sortOrder = try c.lenientInt(.sortOrder, default: 0)
        url = try c.decodeIfPresent(CategoryURL.self, forKey: .url)
    }
}
