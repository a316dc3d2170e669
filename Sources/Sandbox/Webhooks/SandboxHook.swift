/// A webhook subscription of the sandbox store (`/v3/hooks`).
public struct SandboxHook: Sendable, Equatable {
    /// Hook id.
    public var id: Int
    /// The API account's client id.
    public var clientID: String
    /// The store hash.
    public var storeHash: String
    /// The subscribed scope, e.g. `store/product/updated` or `store/product/*`.
    public var scope: String
    /// Where deliveries are POSTed.
    public var destination: String
    /// Whether deliveries are sent.
    public var isActive: Bool
    /// Custom headers echoed on every delivery; nil when none were given.
    public var headers: [String: String]?
    /// Creation time, unix seconds.
    public var createdAt: Int
    /// Last update time, unix seconds.
    public var updatedAt: Int
    /// True when the platform switched it off after exhausted retries (until it is updated again).
    public var wasDeactivated: Bool

    /// `active`, `inactive` (switched off by the client) or `deactivated` (switched off by the platform), as
    /// `GET /v3/hooks/admin` shows it.
    public var status: String {
        isActive ? "active" : (wasDeactivated ? "deactivated" : "inactive")
    }

    /// Whether an event of `eventScope` is delivered to this hook: equal scopes, or a `…/*` scope covering it.
    public func matches(_ eventScope: String) -> Bool {
        Self.scope(scope, matches: eventScope)
    }

    /// Whether subscription scope `pattern` covers `eventScope` (exactly, or as a `prefix/*` wildcard).
    public static func scope(_ pattern: String, matches eventScope: String) -> Bool {
        if pattern == eventScope { return true }
        guard pattern.hasSuffix("/*") else { return false }
        return eventScope.hasPrefix(pattern.dropLast())
    }
}
