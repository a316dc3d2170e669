import Foundation
import SyncStore

/// A dead letter as `dlq list --json` and `GET /admin/api/dead-letters` show it (contract.md); a store-wide letter
/// has no `storefront`, an unresolved one no `resolved_at`. Its error passes through a ``SecretMask``.
public struct DeadLetterSummary: Sendable, Encodable, Equatable {
    /// The letter's id.
    public var id: Int64
    /// The storefront concerned; nil for store-wide work.
    public var storefront: String?
    /// What failed, e.g. `product_push`, `product.sync`, `event`.
    public var kind: String
    /// The entity it is about.
    public var entityID: String
    /// The latest error.
    public var error: String
    /// Attempts over all recorded failures.
    public var attempts: Int
    /// When it first failed (RFC 3339).
    public var firstFailedAt: String
    /// When it last failed (RFC 3339).
    public var lastFailedAt: String
    /// When it was resolved (RFC 3339).
    public var resolvedAt: String?

    /// The summary of `letter`, its error masked by `mask`.
    public init(_ letter: DeadLetter, mask: SecretMask = SecretMask(secrets: [])) {
        id = letter.id
        storefront = letter.storefront
        kind = letter.kind
        entityID = letter.entityID
        error = mask.masking(letter.error)
        attempts = letter.attempts
        firstFailedAt = Self.format(letter.firstFailedAt)
        lastFailedAt = Self.format(letter.lastFailedAt)
        resolvedAt = letter.resolvedAt.map(Self.format)
    }

    /// How times are written: RFC 3339 in UTC, to the second.
    public static func format(_ date: Date) -> String { date.formatted(.iso8601) }

    enum CodingKeys: String, CodingKey {
        case id, storefront, kind, error, attempts
        case entityID = "entity_id", firstFailedAt = "first_failed_at", lastFailedAt = "last_failed_at", resolvedAt = "resolved_at"
    }
}
