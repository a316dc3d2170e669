import Foundation

/// What Clerk holds per storefront (id → content hash, pushed at), plus which ids a reindex run has seen.
///
/// An id is *held* once ``recordPushed(storefront:entity:documents:at:)`` stored its hash, until
/// ``recordRemoved(storefront:entity:ids:)``. Seen marks may be set before or after the push of the same
/// id; an id that was seen but never pushed is not held.
public protocol CatalogLedger: Sendable {
    /// The pushed content hashes of those `ids` that are held; ids not held are absent from the result.
    func pushedHashes(storefront: String, entity: EntityKind, ids: [Int]) async throws -> [Int: String]
    /// Records that Clerk accepted `documents` at `at` (upsert of hash and time; seen marks are kept).
    func recordPushed(storefront: String, entity: EntityKind, documents: [StoredDocument], at: Date) async throws
    /// Forgets `ids` (Clerk deleted them), including their seen marks.
    func recordRemoved(storefront: String, entity: EntityKind, ids: [Int]) async throws
    /// Marks `ids` as seen by reindex `run`.
    func markSeen(storefront: String, entity: EntityKind, ids: [Int], run: String) async throws
    /// Held ids not seen by `run`, ascending: what the catalog no longer lists.
    func unseen(storefront: String, entity: EntityKind, run: String) async throws -> [Int]
    /// All held ids, ascending.
    func heldIDs(storefront: String, entity: EntityKind) async throws -> [Int]
}
