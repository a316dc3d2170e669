/// Why a hook could not be created or updated (the simulator answers it as a 422 with `errors[field]`).
public struct SandboxHookError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The offending request member, e.g. `destination`.
    public var field: String
    /// What is wrong with it.
    public var message: String

    /// Creates an error.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// `field: message`.
    public var description: String {
        "\(field): \(message)"
    }
}
