import Foundation

/// One category of a category tree (`/v3/catalog/trees/categories`).
public struct SourceCategory: Sendable, Equatable {
    /// The category id (`category_id`).
    public var id: Int
    /// The parent category id, 0 for a root category.
    public var parentID: Int
    /// The tree the category belongs to.
    public var treeID: Int
    /// The category name (or its locale translation).
    public var name: String
    /// The category description as HTML.
    public var description: String
    /// The category image URL, empty when none.
    public var imageURL: String
    /// Whether the category is visible.
    public var isVisible: Bool
    /// The category's URL path (`url.path`).
    public var urlPath: String

    /// Creates a category.
    public init(
        id: Int,
        parentID: Int,
        treeID: Int,
        name: String,
        description: String,
        imageURL: String,
        isVisible: Bool,
        urlPath: String
    ) {
        self.id = id
        self.parentID = parentID
        self.treeID = treeID
        self.name = name
        self.description = description
        self.imageURL = imageURL
        self.isVisible = isVisible
        self.urlPath = urlPath
    }
}
