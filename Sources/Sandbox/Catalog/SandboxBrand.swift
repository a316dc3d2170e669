/// One brand (`/v3/catalog/brands`).
public struct SandboxBrand: Sendable, Hashable {
    /// Brand id.
    public var id: Int
    /// Brand name.
    public var name: String
    /// Image URL, `""` when none.
    public var imageURL: String
    /// Storefront path.
    public var customURL: String

    /// Creates a brand.
    public init(id: Int, name: String, imageURL: String = "", customURL: String) {
        self.id = id
        self.name = name
        self.imageURL = imageURL
        self.customURL = customURL
    }
}
