import Foundation
import StorefrontRegistry
import Synchronization

/// Which browser origins may call the shopper-facing routes: the storefronts' base URLs, nothing else.
/// ``StorefrontCORSMiddleware`` answers by it.
///
/// Origins compare as `scheme://host[:port]`, lowercased, with default ports dropped, so
/// `https://Shop.example.com:443/` and `https://shop.example.com` are the same origin. They are read from the
/// storefront registry, so base URLs not configured are allowed once the storefronts are resolved from the store.
public final class CORSPolicy: Sendable {
    private let storefronts: StorefrontRegistry
    /// The origins derived from the registry at its `version`.
    private let derived = Mutex<(version: Int, origins: Set<String>)?>(nil)

    /// A policy allowing the origins of `storefronts`' base URLs (paths are ignored, unreadable URLs skipped).
    public init(storefronts: StorefrontRegistry) {
        self.storefronts = storefronts
    }

    /// The allowed origins, normalised.
    public var origins: Set<String> {
        let version = storefronts.version
        if let cached = derived.withLock({ $0 }), cached.version == version { return cached.origins }
        let origins = Self.origins(of: storefronts.baseURLs)
        derived.withLock { $0 = (version, origins) }
        return origins
    }

    /// Whether every storefront's origin is known; until then a refused origin may be one not learnt yet.
    public var isSettled: Bool { storefronts.baseURLsSettled }

    /// Whether a request with this `Origin` header may proceed. No `Origin` (a server, not a browser) may.
    public func allows(_ origin: String?) -> Bool {
        guard let origin else { return true }
        guard let normalised = Self.origin(of: origin) else { return false }
        return origins.contains(normalised)
    }

    private static func origins(of baseURLs: [String]) -> Set<String> {
        Set(baseURLs.compactMap(origin(of:)))
    }

    /// `scheme://host[:port]` of `text`, lowercased, default port dropped; nil unless http(s) with a host.
    static func origin(of text: String) -> String? {
        guard let components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
            let scheme = components.scheme?.lowercased(), scheme == "https" || scheme == "http",
            let host = components.host?.lowercased(), !host.isEmpty
        else { return nil }
        let defaultPort = scheme == "https" ? 443 : 80
        if let port = components.port, port != defaultPort { return "\(scheme)://\(host):\(port)" }
        return "\(scheme)://\(host)"
    }
}
