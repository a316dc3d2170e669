/// A failure to be recorded in the dead-letter queue (see ``DeadLetterQueue/addDeadLetter(_:at:)``).
public struct DeadLetterDraft: Sendable, Equatable {
    /// The storefront concerned, or nil for store-wide work.
    public var storefront: String?
    /// What failed, e.g. `product.upsert`, `product.delete`, `category.upsert`.
    public var kind: String
    /// The entity the failure is about (product id, category id, order id, …) as text.
    public var entityID: String
    /// The exact request payload sent, with secrets already removed.
    public var requestPayload: [UInt8]?
    /// The HTTP status of the response, when there was one.
    public var responseStatus: Int?
    /// The response body received, when there was one.
    public var responseBody: [UInt8]?
    /// The error text.
    public var error: String
    /// How many attempts this failure represents (added to an existing letter's count).
    public var attempts: Int

    /// Creates a draft.
    public init(
        storefront: String?,
        kind: String,
        entityID: String,
        requestPayload: [UInt8]? = nil,
        responseStatus: Int? = nil,
        responseBody: [UInt8]? = nil,
        error: String,
        attempts: Int = 1
    ) {
        self.storefront = storefront
        self.kind = kind
        self.entityID = entityID
        self.requestPayload = requestPayload
        self.responseStatus = responseStatus
        self.responseBody = responseBody
        self.error = error
        self.attempts = attempts
    }
}
