import Foundation

/// A piece of work that failed for good and waits for a person (or `dlq replay`).
public struct DeadLetter: Sendable, Codable, Equatable {
    /// The letter's id.
    public var id: Int64
    /// The storefront concerned, or nil for store-wide work.
    public var storefront: String?
    /// What failed, e.g. `product.upsert`.
    public var kind: String
    /// The entity the failure is about, as text.
    public var entityID: String
    /// The exact request payload of the latest failure, secrets removed.
    public var requestPayload: [UInt8]?
    /// The HTTP status of the latest failure's response.
    public var responseStatus: Int?
    /// The body of the latest failure's response.
    public var responseBody: [UInt8]?
    /// The latest error text.
    public var error: String
    /// Total attempts over all recorded failures.
    public var attempts: Int
    /// One entry per recorded failure, oldest first.
    public var history: [DeadLetterAttempt]
    /// When the first failure was recorded.
    public var firstFailedAt: Date
    /// When the latest failure was recorded.
    public var lastFailedAt: Date
    /// When the letter was resolved (replayed or pushed fine later), nil while open.
    public var resolvedAt: Date?

    /// Creates a dead letter.
    public init(
        id: Int64,
        storefront: String?,
        kind: String,
        entityID: String,
        requestPayload: [UInt8]?,
        responseStatus: Int?,
        responseBody: [UInt8]?,
        error: String,
        attempts: Int,
        history: [DeadLetterAttempt],
        firstFailedAt: Date,
        lastFailedAt: Date,
        resolvedAt: Date?
    ) {
        self.id = id
        self.storefront = storefront
        self.kind = kind
        self.entityID = entityID
        self.requestPayload = requestPayload
        self.responseStatus = responseStatus
        self.responseBody = responseBody
        self.error = error
        self.attempts = attempts
        self.history = history
        self.firstFailedAt = firstFailedAt
        self.lastFailedAt = lastFailedAt
        self.resolvedAt = resolvedAt
    }
}
