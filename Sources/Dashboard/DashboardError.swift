/// Why the dashboard refuses a request or cannot answer it: a stable code and a message naming what was wrong
/// (never a secret). The HTTP layer answers it with the status its ``Kind`` calls for.
public struct DashboardError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What sort of refusal it is.
    public enum Kind: Sendable, Equatable {
        /// No such letter or job (404).
        case notFound
        /// The request cannot apply to the record as it is now (409).
        case conflict
        /// A parameter is wrong (400).
        case invalid
        /// Something it needs is not ready or not reachable (503).
        case unavailable
    }

    /// What sort of refusal it is.
    public var kind: Kind
    /// A stable machine-readable code, e.g. `already_resolved`.
    public var code: String
    /// What was wrong, for a person.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, code: String, message: String) {
        self.kind = kind
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
