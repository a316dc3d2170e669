/// A product's texts in one channel locale, from the Translations Admin API: each field is nil when BigCommerce
/// has no translation for it (it answered null, an empty text, or the original), so the default text applies.
public struct ProductTranslation: Sendable, Hashable {
    /// The product id.
    public var productID: Int
    /// The translated name.
    public var name: String?
    /// The translated description (HTML, like the original).
    public var description: String?

    /// Creates a translation.
    public init(productID: Int, name: String?, description: String?) {
        self.productID = productID
        self.name = name
        self.description = description
    }
}
