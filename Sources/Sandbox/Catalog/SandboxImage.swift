import Foundation

/// One product image (`include=images`, `primary_image`).
public struct SandboxImage: Sendable, Hashable {
    /// Image id.
    public var id: Int
    /// Product id.
    public var productID: Int
    /// Whether this is the product's thumbnail.
    public var isThumbnail: Bool
    /// Sort order.
    public var sortOrder: Int
    /// Alt text.
    public var description: String
    /// Standard-size URL.
    public var urlStandard: String
    /// Last modification time.
    public var dateModified: Date

    /// Creates an image.
    public init(id: Int, productID: Int, isThumbnail: Bool, sortOrder: Int, description: String = "", urlStandard: String, dateModified: Date) {
        self.id = id
        self.productID = productID
        self.isThumbnail = isThumbnail
        self.sortOrder = sortOrder
        self.description = description
        self.urlStandard = urlStandard
        self.dateModified = dateModified
    }
}
