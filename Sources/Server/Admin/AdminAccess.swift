import BigCommerceAPI
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import NIOCore

/// Who may use `/admin` and `/admin/api/*` (contract.md): with `CLERKBRIDGE_ADMIN_TOKEN` set, callers present it (or
/// the read-only token) as `Authorization: Bearer`, or carry the session cookie a sign-in gave them; without it, only
/// loopback clients are served, and a request that came through a proxy or names another host is refused.
///
/// A state change (`POST`) needs the admin role. One made with the session cookie must carry the session's CSRF token
/// (`X-CSRF-Token` header or `csrf_token` field); one a browser makes on loopback without a session is refused, so a
/// page elsewhere cannot make a local browser act.
public struct AdminAccess: Sendable {
    /// How callers prove who they are.
    public enum Mode: Sendable, Equatable {
        /// No token configured: loopback clients only, each with the admin role.
        case loopbackOnly
        /// The admin token, and the read-only token when one is configured.
        case tokens(admin: String, readOnly: String?)
    }

    /// Someone the dashboard answers.
    public struct Caller: Sendable {
        /// What they may do.
        public var role: AdminRole
        /// Their browser session, when they came with its cookie.
        public var session: AdminSessions.Session?
        /// Whether they presented a token as `Authorization: Bearer`.
        public var bearer: Bool
    }

    /// The session cookie's name.
    public static let cookieName = "clerkbridge_admin"

    /// How callers prove who they are.
    public let mode: Mode
    /// Whether the session cookie is marked `Secure` (the public URL is https).
    public let secureCookies: Bool

    /// The access of `adminToken` and `readOnlyToken` (the read-only one counts only beside an admin token).
    public init(adminToken: String?, readOnlyToken: String? = nil, secureCookies: Bool = false) {
        if let adminToken, !adminToken.isEmpty {
            mode = .tokens(admin: adminToken, readOnly: readOnlyToken.flatMap { $0.isEmpty ? nil : $0 })
        } else {
            mode = .loopbackOnly
        }
        self.secureCookies = secureCookies
    }

    /// The caller of `request`, or nil when it proves nothing and a token is configured (401, or the sign-in page).
    /// Throws 401 for a token that is neither, 403 for a client refused in loopback-only mode.
    func caller(of request: Request, context: ServerRequestContext, sessions: AdminSessions, now: Date = Date()) throws(APIError) -> Caller? {
        let session = request.cookies[Self.cookieName].flatMap { sessions.session(id: $0.value, now: now) }
        switch mode {
        case .loopbackOnly:
            if let refusal = Self.loopbackRefusal(request, context: context) {
                throw APIError(.forbidden, code: "admin_loopback_only", message: refusal)
            }
            return Caller(role: session?.role ?? .admin, session: session, bearer: false)
        case .tokens(let admin, let readOnly):
            if let header = request.headers[.authorization], let presented = EmailBlocksEndpoint.bearer(header) {
                if Self.same(presented, admin) { return Caller(role: .admin, session: nil, bearer: true) }
                if let readOnly, Self.same(presented, readOnly) { return Caller(role: .readOnly, session: nil, bearer: true) }
                throw APIError(
                    .unauthorized, code: "unauthenticated",
                    message: "the bearer token is neither CLERKBRIDGE_ADMIN_TOKEN nor CLERKBRIDGE_ADMIN_READONLY_TOKEN",
                    headers: [.wwwAuthenticate: "Bearer"])
            }
            return session.map { Caller(role: $0.role, session: $0, bearer: false) }
        }
    }

    /// The role a sign-in with `token` gives, nil when it is neither token.
    func role(signingInWith token: String) -> AdminRole? {
        guard case .tokens(let admin, let readOnly) = mode else { return nil }
        if Self.same(token, admin) { return .admin }
        if let readOnly, Self.same(token, readOnly) { return .readOnly }
        return nil
    }

    /// Refuses a state change `caller` may not make: the read-only role (403 `read_only`), a cookie session without
    /// its CSRF token or from another origin, or a browser on loopback without a session (403 `csrf_token_invalid`).
    func authorizeChange(_ caller: Caller, request: Request, parameters: AdminParameters) throws(APIError) {
        guard caller.role.canAct else {
            throw APIError(.forbidden, code: "read_only", message: "the read-only token can look but not act; use CLERKBRIDGE_ADMIN_TOKEN")
        }
        if caller.bearer { return }
        guard let session = caller.session else {
            // Loopback without a session: a script may act, a browser (which always sends Origin on a POST) may not.
            if request.headers[.origin] != nil {
                throw APIError(
                    .forbidden, code: "csrf_token_invalid", message: "a browser acts through the dashboard's pages, which carry a CSRF token")
            }
            return
        }
        let presented = request.headers[HTTPField.Name("X-CSRF-Token")!] ?? parameters.text("csrf_token")
        guard let presented, Self.same(presented, session.csrfToken) else {
            throw APIError(
                .forbidden, code: "csrf_token_invalid",
                message: "the request lacks the session's CSRF token (X-CSRF-Token or csrf_token); reload the page and try again")
        }
        if let origin = request.headers[.origin], !Self.origin(origin, matchesHost: request.head.authority) {
            throw APIError(.forbidden, code: "csrf_token_invalid", message: "the request comes from another origin")
        }
    }

    /// The session cookie for `session`.
    func cookie(for session: AdminSessions.Session) -> Cookie {
        Cookie(
            name: Self.cookieName, value: session.id, maxAge: Int(AdminSessions.lifetime), path: "/admin", secure: secureCookies,
            httpOnly: true, sameSite: .strict)
    }

    /// A cookie that removes the session cookie.
    var expiredCookie: Cookie {
        Cookie(name: Self.cookieName, value: "", maxAge: 0, path: "/admin", secure: secureCookies, httpOnly: true, sameSite: .strict)
    }

    /// Why a request may not be served in loopback-only mode, nil when it may: its peer is not a loopback address, it
    /// came through a proxy (a forwarding header), or its `Host` is not a loopback name (a DNS-rebinding page).
    static func loopbackRefusal(_ request: Request, context: ServerRequestContext) -> String? {
        let advice = "set CLERKBRIDGE_ADMIN_TOKEN to reach the dashboard from elsewhere"
        guard let address = context.remoteAddress, isLoopback(address) else {
            return "without CLERKBRIDGE_ADMIN_TOKEN the dashboard answers loopback clients only; \(advice)"
        }
        for name in ["X-Forwarded-For", "Forwarded", "X-Real-IP"] where request.headers[HTTPField.Name(name)!] != nil {
            return "without CLERKBRIDGE_ADMIN_TOKEN the dashboard answers no request that came through a proxy (\(name)); \(advice)"
        }
        guard let host = request.head.authority, isLoopbackHost(host) else {
            return "without CLERKBRIDGE_ADMIN_TOKEN the dashboard answers only as localhost or a loopback address; \(advice)"
        }
        return nil
    }

    static func isLoopback(_ address: SocketAddress) -> Bool {
        switch address {
        case .v4: return address.ipAddress?.hasPrefix("127.") == true
        case .v6:
            guard let text = address.ipAddress?.lowercased() else { return false }
            return text == "::1" || text.hasPrefix("::ffff:127.")
        case .unixDomainSocket: return false
        }
    }

    /// Whether a `Host` header names this machine's loopback: `localhost` (or a `.localhost` name), `127.x.y.z`,
    /// `[::1]`, with any port.
    static func isLoopbackHost(_ host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("[") {
            name = String(name.dropFirst().prefix { $0 != "]" })
            return name == "::1"
        }
        if let colon = name.lastIndex(of: ":") { name = String(name[..<colon]) }
        if name == "localhost" || name.hasSuffix(".localhost") { return true }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Whether `origin` (`scheme://host[:port]`) names the same host and port as the request's `Host`.
    static func origin(_ origin: String, matchesHost host: String?) -> Bool {
        guard let host, let url = URL(string: origin), let originHost = url.host else { return false }
        let authority = url.port.map { "\(originHost):\($0)" } ?? originHost
        let bracketed = originHost.contains(":") ? "[\(originHost)]" + (url.port.map { ":\($0)" } ?? "") : authority
        return host.lowercased() == authority.lowercased() || host.lowercased() == bracketed.lowercased()
    }

    private static func same(_ presented: String, _ expected: String) -> Bool {
        WebhookAuthenticator.constantTimeEqual(Array(presented.utf8), Array(expected.utf8))
    }
}
