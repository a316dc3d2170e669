import ClerkAPI
import Synchronization

/// The storefronts of this process, resolved once at start from one read of the store, and read by everything
/// that serves or feeds them: the routes, the worker, the event forwarder, CORS and the storefront script.
///
/// Until the store could be read (BigCommerce unreachable at start) only the declarations are known: events can
/// be accepted for the declared names and forwarded with their Clerk keys, while what needs the store's data
/// (shopper routes, the worker) waits for ``resolve(_:)``.
public final class StorefrontRegistry: Sendable {
    /// Where the registry is in its life.
    public enum Lifecycle: Sendable, Hashable {
        /// Only the declarations are known.
        case declared
        /// Every storefront was resolved against the store, in declaration order.
        case resolved([ResolvedStorefront])
    }

    private struct State {
        var lifecycle = Lifecycle.declared
        /// Bumped at each change, so readers that derive something from the registry know to derive it again.
        var version = 0
    }

    /// The storefronts as the operator declared them, in order (the first is the default).
    public let declared: [DeclaredStorefront]
    private let state = Mutex(State())

    /// A registry of `declared` storefronts, not resolved yet.
    public init(declared: [DeclaredStorefront]) {
        self.declared = declared
    }

    /// A registry of storefronts already resolved (tests, and commands that resolve before building one).
    public convenience init(resolved: [ResolvedStorefront]) {
        self.init(declared: resolved.map {
            DeclaredStorefront(
                name: $0.name, channelID: $0.channelID, currency: $0.storefront.currency, locale: $0.locale,
                baseURL: $0.baseURL, includeHiddenCategories: $0.storefront.includeHiddenCategories, clerkKeys: $0.clerkKeys)
        })
        resolve(resolved)
    }

    /// Records the storefronts as resolved against the store.
    public func resolve(_ storefronts: [ResolvedStorefront]) {
        state.withLock { state in
            state.lifecycle = .resolved(storefronts)
            state.version += 1
        }
    }

    /// Where the registry is in its life.
    public var lifecycle: Lifecycle { state.withLock { $0.lifecycle } }

    /// Increases at each change of the registry.
    public var version: Int { state.withLock { $0.version } }

    /// The resolved storefronts in declaration order, or nil until they are resolved.
    public var resolved: [ResolvedStorefront]? {
        guard case .resolved(let storefronts) = lifecycle else { return nil }
        return storefronts
    }

    /// The declared names, in order: the first is the default of every route and event without a storefront.
    public var names: [String] { declared.map(\.name) }

    /// The resolved storefront called `name`, or the default one when `name` is nil; nil when there is none or
    /// the storefronts are not resolved yet.
    public func storefront(named name: String?) -> ResolvedStorefront? {
        guard let resolved, let name = name ?? names.first else { return nil }
        return resolved.first { $0.name == name }
    }

    /// The Clerk store of the storefront called `name`, known from its declaration.
    public func clerkKeys(for name: String) -> ClerkStoreKeys? {
        declared.first { $0.name == name }?.clerkKeys
    }

    /// The storefronts' base URLs as far as they are known: resolved, or as declared until then.
    public var baseURLs: [String] {
        resolved?.map(\.baseURL) ?? declared.compactMap(\.baseURL)
    }

    /// Whether every storefront's base URL is known (resolved, or all declared).
    public var baseURLsSettled: Bool {
        resolved != nil || declared.allSatisfy { $0.baseURL != nil }
    }
}
