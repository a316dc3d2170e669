import Foundation

/// One product image.
public struct SourceImage: Sendable, Equatable {
    /// The image id.
    public var id: Int
    /// Whether this is the product's thumbnail image.
    public var isThumbnail: Bool
    /// The image's position among the product's images.
    public var sortOrder: Int
    /// The standard-size image URL.
    public var urlStandard: String

    /// Creates an image.
    public init(id: Int, isThumbnail: Bool, sortOrder: Int, urlStandard: String) {
        self.id = id
        self.isThumbnail = isThumbnail
        self.sortOrder = sortOrder
        self.urlStandard = urlStandard
    }
}
