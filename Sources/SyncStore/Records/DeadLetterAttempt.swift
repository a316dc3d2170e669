import Foundation

/// One recorded failure of a dead letter: when, what error, and the response status if any.
public struct DeadLetterAttempt: Sendable, Codable, Equatable {
    /// When the failure was recorded.
    public var at: Date
    /// The error text.
    public var error: String
    /// The HTTP status of the response, when there was one.
    public var responseStatus: Int?

    /// Creates an attempt record.
    public init(at: Date, error: String, responseStatus: Int? = nil) {
        self.at = at
        self.error = error
        self.responseStatus = responseStatus
    }
}
