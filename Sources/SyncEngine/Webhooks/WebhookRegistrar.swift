import BigCommerceAPI

/// Subscribes the store's webhooks to clerkbridge's receiver, idempotently, and switches back on the
/// ones BigCommerce deactivated.
public struct WebhookRegistrar: Sendable {
    /// What registration did for one scope.
    public enum Action: String, Sendable, Equatable {
        /// A new hook was created.
        case created
        /// An existing hook was switched back on (and its headers refreshed).
        case reactivated
        /// An active hook's custom headers were replaced (e.g. a rotated webhook secret).
        case updated
        /// An active hook with the right headers already existed.
        case unchanged
    }

    /// One scope's outcome.
    public struct Outcome: Sendable, Equatable {
        /// The scope.
        public var scope: String
        /// The hook's id.
        public var hookID: Int
        /// What was done.
        public var action: Action
    }

    let client: BigCommerceClient

    /// Creates a registrar over `client`.
    public init(client: BigCommerceClient) {
        self.client = client
    }

    /// Makes sure every scope in `scopes` has one active hook to `destination` with `headers`.
    public func register(scopes: [String], destination: String, headers: [String: String]) async throws -> [Outcome] {
        let existing = try await client.hooks().filter { $0.destination == destination }
        var byScope: [String: Hook] = [:]
        for hook in existing where byScope[hook.scope] == nil || hook.isActive { byScope[hook.scope] = hook }
        var outcomes: [Outcome] = []
        for scope in scopes {
            guard let hook = byScope[scope] else {
                let created = try await client.createHook(scope: scope, destination: destination, headers: headers)
                outcomes.append(Outcome(scope: scope, hookID: created.id, action: .created))
                continue
            }
            if hook.isActive, (hook.headers ?? [:]) == headers {
                outcomes.append(Outcome(scope: scope, hookID: hook.id, action: .unchanged))
            } else {
                _ = try await client.updateHook(id: hook.id, isActive: true, headers: headers)
                outcomes.append(Outcome(scope: scope, hookID: hook.id, action: hook.isActive ? .updated : .reactivated))
            }
        }
        return outcomes
    }

    /// Switches back on every hook to `destination` that is not active (BigCommerce deactivates a hook
    /// after two days of failed deliveries); returns them.
    public func reactivate(destination: String) async throws -> [Hook] {
        var reactivated: [Hook] = []
        for hook in try await client.hooks() where hook.destination == destination && !hook.isActive {
            reactivated.append(try await client.updateHook(id: hook.id, isActive: true))
        }
        return reactivated
    }
}
