import Foundation
import Synchronization

/// Which browser origins may call the shopper-facing routes: the storefronts' base URLs, nothing else.
/// ``StorefrontCORSMiddleware`` answers by it.
///
/// Origins compare as `scheme://host[:port]`, lowercased, with default ports dropped, so
/// `https://Shop.example.com:443/` and `https://shop.example.com` are the same origin. The set can be replaced
/// while serving, because base URLs not configured are learnt from BigCommerce once it answers.
public final class CORSPolicy: Sendable {
    private let allowed: Mutex<(origins: Set<String>, settled: Bool)>

    /// A policy allowing the origins of `baseURLs` (storefront base URLs; paths are ignored, unreadable URLs
    /// skipped). `settled` false says some storefronts' URLs are not known yet (to be learnt from the store).
    public init(baseURLs: [String], settled: Bool = true) {
        allowed = Mutex((Self.origins(of: baseURLs), settled))
    }

    /// The allowed origins, normalised.
    public var origins: Set<String> { allowed.withLock { $0.origins } }

    /// Whether every storefront's origin is known; until then a refused origin may be one not learnt yet.
    public var isSettled: Bool { allowed.withLock { $0.settled } }

    /// Replaces the allowed origins with those of `baseURLs`; the policy is settled from then on.
    public func replace(baseURLs: [String]) {
        let origins = Self.origins(of: baseURLs)
        allowed.withLock { $0 = (origins, true) }
    }

    /// Whether a request with this `Origin` header may proceed. No `Origin` (a server, not a browser) may.
    public func allows(_ origin: String?) -> Bool {
        guard let origin else { return true }
        guard let normalised = Self.origin(of: origin) else { return false }
        return allowed.withLock { $0.origins.contains(normalised) }
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
