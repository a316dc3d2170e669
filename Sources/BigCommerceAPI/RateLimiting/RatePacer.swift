/// The pacing arithmetic of `RateGovernor`, free of clocks and tasks so it can be tested step by step.
///
/// It spreads the requests left in the current window evenly over the time left in it, counting the
/// requests already reserved or in flight as spent; when none are left it waits for the reset. A 429
/// with rate headers blocks until `X-Retry-After` (or the reset); one without them is platform load and
/// backs off exponentially.
struct RatePacer: Sendable {
    typealias Instant = ContinuousClock.Instant

    /// Added after a reset or a 429 wait, to absorb clock differences.
    var margin: Duration
    /// First platform-load backoff.
    var backoffBase: Duration
    /// Longest platform-load backoff.
    var backoffCap: Duration
    /// Consecutive platform-load 429s tolerated before giving up.
    var maxPlatformRetries: Int

    /// Requests left in the current window as last reported (lowest report within one window).
    private(set) var left: Int?
    /// When the current window resets.
    private(set) var resetAt: Instant?
    /// Requests per window, when reported.
    private(set) var quota: Int?
    /// Window length, when reported.
    private(set) var window: Duration?
    /// Requests reserved or sent whose response has not been observed.
    private(set) var pending = 0
    /// Start time given to the latest reservation.
    private(set) var lastStart: Instant?
    /// No request may start before this (after a 429).
    private(set) var blockedUntil: Instant?
    /// Platform-load 429s in a row.
    private(set) var consecutivePlatformThrottles = 0

    init(
        margin: Duration = .milliseconds(20), backoffBase: Duration = .seconds(1), backoffCap: Duration = .seconds(60),
        maxPlatformRetries: Int = 8
    ) {
        self.margin = margin
        self.backoffBase = backoffBase
        self.backoffCap = backoffCap
        self.maxPlatformRetries = maxPlatformRetries
    }

    /// Reserves the next request and returns when it may start (`now` when nothing holds it back).
    mutating func reserve(now: Instant) -> Instant {
        rollWindow(now: now)
        var start = now
        if let blockedUntil, blockedUntil > start { start = blockedUntil }
        if let left, let resetAt {
            let budget = left - pending
            if budget <= 0 {
                start = max(start, resetAt + margin)
            } else if let lastStart {
                // Spread the budget over the time left; when earlier reservations already reach into the
                // future, spread from the latest of them instead of from now.
                let from = max(now, lastStart)
                let interval = (resetAt - from) / budget
                start = max(start, lastStart + interval)
            }
        }
        if let lastStart, lastStart > start {
            // Keep reservations in order so concurrent callers never bunch up behind one slot.
            start = lastStart
        }
        lastStart = start
        pending += 1
        return start
    }

    /// Requests per second left to spend until the window resets, counting those reserved or in flight as spent;
    /// nil while no quota is known.
    func allowedRate(now: Instant) -> Double? {
        guard let left, let resetAt else { return nil }
        if let blockedUntil, blockedUntil > now { return 0 }
        let remaining = max(resetAt - now, .milliseconds(50))
        let seconds = Double(remaining.components.seconds) + Double(remaining.components.attoseconds) / 1e18
        return Double(max(0, left - pending)) / seconds
    }

    /// Gives back a reservation that was not sent (e.g. re-reserving after a 429 arrived meanwhile).
    mutating func cancelReservation() {
        pending = max(0, pending - 1)
    }

    /// Records the outcome of a sent request and says whether to use it or resend it.
    mutating func observe(status: Int, headers: RateLimitHeaders, now: Instant) -> RateVerdict {
        pending = max(0, pending - 1)
        if let quota = headers.quota { self.quota = quota }
        if let windowMs = headers.windowMilliseconds, windowMs > 0 { window = .milliseconds(windowMs) }
        guard status == 429 else {
            consecutivePlatformThrottles = 0
            record(headers, now: now)
            return .proceed
        }
        if headers.isEmpty {
            consecutivePlatformThrottles += 1
            guard consecutivePlatformThrottles <= maxPlatformRetries else {
                consecutivePlatformThrottles = 0
                return .giveUp
            }
            block(until: now + platformBackoff(attempt: consecutivePlatformThrottles))
            return .retry
        }
        consecutivePlatformThrottles = 0
        left = 0
        let wait = Self.throttleWait(headers, fallback: backoffBase)
        resetAt = now + wait
        block(until: now + wait + margin)
        return .retry
    }

    /// How long a 429 with rate headers asks to wait: `X-Retry-After` (whole seconds) unless it is just the
    /// reset rounded up, in which case the exact `X-Rate-Limit-Time-Reset-Ms`; the reset alone; else `fallback`.
    static func throttleWait(_ headers: RateLimitHeaders, fallback: Duration) -> Duration {
        let resetMs = headers.resetMilliseconds.map { max(0, $0) }
        guard let seconds = headers.retryAfterSeconds else {
            return resetMs.map { .milliseconds($0) } ?? fallback
        }
        let retryMs = Int((max(0, seconds) * 1000).rounded(.up))
        if let resetMs, retryMs >= resetMs, retryMs - resetMs < 1000 {
            return .milliseconds(resetMs)
        }
        return .milliseconds(retryMs)
    }

    /// Backoff for the n-th platform-load 429 in a row: base, 2×base, 4×base, … capped.
    func platformBackoff(attempt: Int) -> Duration {
        var delay = backoffBase
        for _ in 1..<max(attempt, 1) {
            delay = delay * 2
            if delay >= backoffCap { return backoffCap }
        }
        return min(delay, backoffCap)
    }

    private mutating func block(until instant: Instant) {
        if let blockedUntil, blockedUntil >= instant { return }
        blockedUntil = instant
    }

    /// Takes in a fresh `requests left / reset` report. Within one window a report showing more
    /// requests left than already known is stale (an earlier response overtaken by a later one).
    private mutating func record(_ headers: RateLimitHeaders, now: Instant) {
        guard let reportedLeft = headers.requestsLeft else { return }
        let reportedReset = now + .milliseconds(max(0, headers.resetMilliseconds ?? 0))
        if headers.resetMilliseconds == nil {
            left = min(left ?? reportedLeft, reportedLeft)
            return
        }
        if let left, let resetAt, now < resetAt {
            let tolerance = window.map { $0 / 4 } ?? .milliseconds(500)
            let sameWindow = reportedReset < resetAt + tolerance
            if sameWindow {
                if reportedLeft <= left {
                    self.left = reportedLeft
                    self.resetAt = reportedReset
                }
                return
            }
        }
        left = reportedLeft
        resetAt = reportedReset
    }

    /// After the known reset has passed, assume a fresh window: the full quota when known, else unknown.
    private mutating func rollWindow(now: Instant) {
        guard let resetAt, now >= resetAt else { return }
        if let quota, let window, window > .zero {
            var next = resetAt
            while next <= now { next = next + window }
            self.resetAt = next
            left = quota
        } else {
            self.resetAt = nil
            left = nil
        }
    }
}
