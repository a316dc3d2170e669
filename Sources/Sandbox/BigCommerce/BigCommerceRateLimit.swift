import Synchronization

/// The per-store request quota of the BigCommerce simulator: a fixed window that refreshes every `window`,
/// each request costing one unit, reported in the `X-Rate-Limit-*` headers (thread-safe, changeable at runtime).
public final class BigCommerceRateLimit: Sendable {
    /// A quota large enough to never run out, while headers are still sent ("unlimited rate plan").
    public static let unlimitedQuota = 1_000_000_000

    struct State {
        var quota: Int
        var windowMilliseconds: Int
        var windowStart: ContinuousClock.Instant?
        var used = 0
        /// Requests allowed in each window so far, oldest first.
        var usedPerWindow: [Int] = []
    }

    enum Decision {
        case allowed(left: Int, resetMilliseconds: Int, quota: Int, windowMilliseconds: Int)
        case exhausted(resetMilliseconds: Int, quota: Int, windowMilliseconds: Int)
    }

    let state: Mutex<State>

    /// Creates a quota of `quota` requests per `window`.
    public init(quota: Int = BigCommerceRateLimit.unlimitedQuota, window: Duration = .seconds(30)) {
        state = Mutex(State(quota: quota, windowMilliseconds: Self.milliseconds(window)))
    }

    /// Changes the quota and window; the current window restarts.
    public func configure(quota: Int, window: Duration) {
        state.withLock {
            $0.quota = quota
            $0.windowMilliseconds = Self.milliseconds(window)
            $0.windowStart = nil
            $0.used = 0
        }
    }

    /// The requests allowed in each quota window so far, oldest first: a client that uses the quota fully fills
    /// every window but its last.
    public var usedPerWindow: [Int] {
        state.withLock { $0.usedPerWindow }
    }

    /// Starts a fresh window with the full quota.
    public func refill() {
        state.withLock {
            $0.windowStart = nil
            $0.used = 0
        }
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let parts = duration.components
        return max(1, Int(parts.seconds) * 1000 + Int(parts.attoseconds / 1_000_000_000_000_000))
    }

    func acquire() -> Decision {
        let now = ContinuousClock.now
        return state.withLock { state in
            let window = Duration.milliseconds(state.windowMilliseconds)
            if let start = state.windowStart, now - start < window {
                // same window
            } else {
                state.windowStart = now
                state.used = 0
                state.usedPerWindow.append(0)
            }
            let elapsed = now - state.windowStart!
            let reset = max(0, Self.milliseconds(window - elapsed))
            if state.used >= state.quota {
                return .exhausted(resetMilliseconds: reset, quota: state.quota, windowMilliseconds: state.windowMilliseconds)
            }
            state.used += 1
            state.usedPerWindow[state.usedPerWindow.count - 1] += 1
            return .allowed(left: state.quota - state.used, resetMilliseconds: reset, quota: state.quota, windowMilliseconds: state.windowMilliseconds)
        }
    }
}
