/// Why bytes are not the JSON a reader expected, and where.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The byte offset where reading failed.
    public var offset: Int
    /// What was wrong there.
    public var reason: String

    /// Creates an error at `offset`.
    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    /// `invalid JSON at byte 12: expected ':'`.
    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}
