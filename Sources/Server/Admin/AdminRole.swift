/// What a caller of the dashboard may do.
public enum AdminRole: String, Sendable, Hashable {
    /// Look and act: replay, discard, retry, cancel (the admin token, or a loopback client when no token is set).
    case admin
    /// Look only (the read-only token): every `POST` is refused.
    case readOnly = "read_only"

    /// Whether the role may change anything.
    public var canAct: Bool { self == .admin }
}
