import Foundation

/// One failed attempt of a job: when, what error, and whether it was considered transient.
public struct JobAttempt: Sendable, Codable, Equatable {
    /// When the failure was recorded.
    public var at: Date
    /// The error text.
    public var error: String
    /// Whether the error was transient (retried) rather than permanent.
    public var transient: Bool

    /// Creates an attempt record.
    public init(at: Date, error: String, transient: Bool) {
        self.at = at
        self.error = error
        self.transient = transient
    }
}
