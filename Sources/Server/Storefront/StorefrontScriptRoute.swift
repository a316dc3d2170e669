import Foundation
import Hummingbird
import StorefrontRegistry
import Synchronization

/// `GET /storefront.js?channel_id=N`: the storefront script rendered for one channel (default: the first
/// storefront's), cacheable for five minutes, with an `ETag` answered by 304 on `If-None-Match`.
///
/// The storefronts come from the registry: as declared until they are resolved from the store, then with their
/// currencies and locales as resolved. Each channel's script is rendered again when the registry changes.
public final class StorefrontScriptRoute: Sendable {
    /// The route's path.
    public static let path = "/storefront.js"
    /// `Cache-Control` of a served script: short, so a redeploy or a configuration change spreads quickly.
    public static let cacheControl = "public, max-age=300"

    /// One channel's rendered script.
    struct Rendered: Sendable {
        var body: [UInt8]
        var etag: String
    }

    /// The scripts rendered for the registry at `version`, and the channel served by default.
    struct Rendering: Sendable {
        var version: Int
        var channels: [Int: Rendered]
        var defaultChannelID: Int?
    }

    private let storefronts: StorefrontRegistry
    /// The configuration, and the scripts rendered for it and the registry (nil: to render again).
    private let state: Mutex<(configuration: StorefrontScriptConfiguration, rendering: Rendering?)>

    /// Creates the route for the storefronts of `storefronts`.
    public init(configuration: StorefrontScriptConfiguration, storefronts: StorefrontRegistry) {
        self.storefronts = storefronts
        state = Mutex((configuration, nil))
    }

    /// What the script injects besides the storefronts.
    public var configuration: StorefrontScriptConfiguration { state.withLock { $0.configuration } }

    /// Serves `configuration` from now on.
    public func update(configuration: StorefrontScriptConfiguration) {
        state.withLock { $0 = (configuration, nil) }
    }

    /// The scripts for the configuration and the registry as they are now, rendered again when either changed.
    func current() -> Rendering {
        let version = storefronts.version
        let (configuration, cached) = state.withLock { ($0.configuration, $0.rendering) }
        if let cached, cached.version == version { return cached }
        var rendered = Self.render(configuration, storefronts: Self.entries(storefronts))
        rendered.version = version
        state.withLock { state in
            if state.configuration == configuration { state.rendering = rendered }
        }
        return rendered
    }

    /// The script served for `channelID` now, nil when no storefront sells on it.
    public func script(forChannel channelID: Int) -> String? {
        current().channels[channelID].map { String(decoding: $0.body, as: UTF8.self) }
    }

    /// Each storefront as the script names it, with its channel: resolved when it is, else as declared.
    static func entries(_ storefronts: StorefrontRegistry) -> [(channelID: Int, storefront: StorefrontScriptConfiguration.Injected.Storefront)] {
        if let resolved = storefronts.resolved {
            return resolved.map { ($0.channelID, .init(name: $0.name, currency: $0.currency.code, locale: $0.locale)) }
        }
        return storefronts.declared.map { ($0.channelID ?? 1, .init(name: $0.name, currency: $0.currency, locale: $0.locale)) }
    }

    static func render(
        _ configuration: StorefrontScriptConfiguration,
        storefronts: [(channelID: Int, storefront: StorefrontScriptConfiguration.Injected.Storefront)]
    ) -> Rendering {
        var channels: [Int: Rendered] = [:]
        for channel in Set(storefronts.map(\.channelID)) {
            let served = storefronts.filter { $0.channelID == channel }.map(\.storefront)
            guard let text = configuration.render(channelID: channel, storefronts: served) else { continue }
            let body = Array(text.utf8)
            channels[channel] = Rendered(body: body, etag: EntityTag.of(body))
        }
        return Rendering(version: 0, channels: channels, defaultChannelID: storefronts.first?.channelID)
    }

    /// Adds `GET /storefront.js` to `router`.
    public func addRoutes<Context: RequestContext>(to router: some RouterMethods<Context>) {
        router.get(RouterPath(stringLiteral: Self.path)) { request, _ -> Response in
            try self.respond(
                channel: request.uri.formQueryParameters.get("channel_id"), ifNoneMatch: request.headers[.ifNoneMatch])
        }
    }

    /// The answer for a `channel_id` query value (nil: absent) and an `If-None-Match` header.
    func respond(channel: String?, ifNoneMatch: String?) throws(APIError) -> Response {
        let rendering = current()
        let channelID: Int
        if let channel {
            guard let parsed = Int(channel), parsed > 0, String(parsed) == channel else {
                throw .invalidParameter("channel_id must be a BigCommerce channel id (a positive integer)")
            }
            channelID = parsed
        } else if let first = rendering.defaultChannelID {
            channelID = first
        } else {
            throw APIError(.notFound, code: "not_found", message: "no storefront is configured")
        }
        guard let script = rendering.channels[channelID] else {
            throw APIError(
                .notFound, code: "unknown_channel", message: "no storefront is configured for channel \(channelID)")
        }
        var headers: HTTPFields = [
            .contentType: "application/javascript; charset=utf-8", .cacheControl: Self.cacheControl, .eTag: script.etag,
        ]
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        if let ifNoneMatch, EntityTag.matches(ifNoneMatch, etag: script.etag) {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: script.body)))
    }
}
