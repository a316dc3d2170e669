import Foundation
import Hummingbird
import Synchronization

/// `GET /storefront.js?channel_id=N`: the storefront script rendered for one channel (default: the first
/// storefront's), cacheable for five minutes, with an `ETag` answered by 304 on `If-None-Match`.
///
/// Each channel's script is rendered when the configuration is set: at creation and on ``update(configuration:)``
/// (e.g. once the storefronts' currencies and locales are resolved from the store).
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

    struct State: Sendable {
        var configuration: StorefrontScriptConfiguration
        var rendered: [Int: Rendered]
    }

    let state: Mutex<State>

    /// Creates the route, rendering the script of every channel of `configuration`.
    public init(configuration: StorefrontScriptConfiguration) {
        state = Mutex(State(configuration: configuration, rendered: Self.render(configuration)))
    }

    /// The configuration served now.
    public var configuration: StorefrontScriptConfiguration {
        state.withLock { $0.configuration }
    }

    /// Serves `configuration` from now on (re-rendering every channel's script).
    public func update(configuration: StorefrontScriptConfiguration) {
        let rendered = Self.render(configuration)
        state.withLock { $0 = State(configuration: configuration, rendered: rendered) }
    }

    static func render(_ configuration: StorefrontScriptConfiguration) -> [Int: Rendered] {
        var rendered: [Int: Rendered] = [:]
        for channel in configuration.channelIDs {
            guard let text = configuration.render(channelID: channel) else { continue }
            let body = Array(text.utf8)
            rendered[channel] = Rendered(body: body, etag: Self.etag(body))
        }
        return rendered
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
        let (configuration, rendered) = state.withLock { ($0.configuration, $0.rendered) }
        let channelID: Int
        if let channel {
            guard let parsed = Int(channel), parsed > 0, String(parsed) == channel else {
                throw .invalidParameter("channel_id must be a BigCommerce channel id (a positive integer)")
            }
            channelID = parsed
        } else if let first = configuration.defaultChannelID {
            channelID = first
        } else {
            throw APIError(.notFound, code: "not_found", message: "no storefront is configured")
        }
        guard let script = rendered[channelID] else {
            throw APIError(
                .notFound, code: "unknown_channel", message: "no storefront is configured for channel \(channelID)")
        }
        var headers: HTTPFields = [
            .contentType: "application/javascript; charset=utf-8", .cacheControl: Self.cacheControl, .eTag: script.etag,
        ]
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        if let ifNoneMatch, Self.matches(ifNoneMatch, etag: script.etag) {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: script.body)))
    }

    /// Whether an `If-None-Match` value (`*` or a list of entity tags, weak or strong) names `etag`.
    static func matches(_ header: String, etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            var tag = candidate.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            return tag == etag
        }
    }

    /// A strong entity tag from the FNV-1a 64-bit hash of `body` (a content fingerprint, not a security measure).
    static func etag(_ body: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in body {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }
}
