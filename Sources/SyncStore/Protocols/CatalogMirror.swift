/// The mapped document per storefront and id (served to shoppers by later issues).
public protocol CatalogMirror: Sendable {
    /// Inserts or replaces `documents`.
    func upsertMirror(storefront: String, entity: EntityKind, documents: [StoredDocument]) async throws
    /// Removes `ids`; ids not mirrored are ignored.
    func removeFromMirror(storefront: String, entity: EntityKind, ids: [Int]) async throws
    /// The mirrored documents among `ids`; ids not mirrored are absent from the result.
    func mirrored(storefront: String, entity: EntityKind, ids: [Int]) async throws -> [Int: StoredDocument]
    /// Ids of the mirrored products whose document lists any of `categories` (its `categories` member),
    /// ascending: the products a category rename or move changes.
    func mirroredProducts(storefront: String, inCategories categories: Set<Int>) async throws -> [Int]
    /// Ids of the mirrored products whose document's `brand` is one of `brands`, ascending: the products
    /// a brand rename or deletion changes.
    func mirroredProducts(storefront: String, withBrands brands: Set<String>) async throws -> [Int]

    /// The storefront's shown products (`index` not false) by `total_sold`, best first (ties by id), only those in
    /// `category` when given, at most `limit`: the local fallback when Clerk cannot answer. A scan of the
    /// storefront's documents; callers cache it.
    func bestSellingProducts(storefront: String, inCategory category: Int?, limit: Int) async throws -> [Int]
}
