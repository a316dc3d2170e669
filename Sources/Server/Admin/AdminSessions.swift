import Foundation
import Synchronization

/// The dashboard's browser sessions, in this process's memory: a sign-in (or a loopback visit when no token is
/// configured) gets a random session id for an `HttpOnly`, `SameSite=Strict` cookie and a separate random CSRF token
/// that every `POST` from the pages carries. Sessions end after ``lifetime``, at sign-out, or when `serve` restarts.
public final class AdminSessions: Sendable {
    /// One session.
    public struct Session: Sendable, Equatable {
        /// The cookie's value.
        public var id: String
        /// What the session may do.
        public var role: AdminRole
        /// The token forms and the script send back with every `POST`.
        public var csrfToken: String
        /// Whether it began by signing in with a token (and so can sign out).
        public var signedIn: Bool
        /// When it ends.
        public var expiresAt: Date
    }

    /// How long a session lasts.
    public static let lifetime: TimeInterval = 12 * 3_600
    /// The most sessions kept; the oldest go first beyond it.
    public static let capacity = 10_000

    private let sessions = Mutex<[String: Session]>([:])

    /// An empty store.
    public init() {}

    /// Starts a session with `role` at `now`.
    public func start(role: AdminRole, signedIn: Bool, now: Date = Date()) -> Session {
        let session = Session(
            id: Self.randomToken(), role: role, csrfToken: Self.randomToken(), signedIn: signedIn,
            expiresAt: now.addingTimeInterval(Self.lifetime))
        sessions.withLock { sessions in
            if sessions.count >= Self.capacity {
                sessions = sessions.filter { $0.value.expiresAt > now }
                if sessions.count >= Self.capacity, let oldest = sessions.min(by: { $0.value.expiresAt < $1.value.expiresAt }) {
                    sessions[oldest.key] = nil
                }
            }
            sessions[session.id] = session
        }
        return session
    }

    /// The live session with `id`, nil when there is none or it expired.
    public func session(id: String, now: Date = Date()) -> Session? {
        sessions.withLock { sessions in
            guard let session = sessions[id] else { return nil }
            guard session.expiresAt > now else {
                sessions[id] = nil
                return nil
            }
            return session
        }
    }

    /// Ends session `id`.
    public func end(id: String) {
        _ = sessions.withLock { $0.removeValue(forKey: id) }
    }

    /// 32 random bytes from the system's cryptographic generator, base64url without padding (43 characters).
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
