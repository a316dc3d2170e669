/// The kind of Clerk document a ledger or mirror row describes.
public enum EntityKind: String, Sendable, Codable, CaseIterable {
    /// A Clerk product document (one BigCommerce product).
    case product
    /// A Clerk category document (one BigCommerce category).
    case category
}
