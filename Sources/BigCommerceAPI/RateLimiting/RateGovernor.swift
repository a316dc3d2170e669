import AsyncHTTPClient
import NIOHTTP1

/// Paces one store's API calls to its quota. Share one governor between all clients of a store.
///
/// Call `acquire()` before every request and `observe(status:headers:)` (or `release()` when no
/// response came) after it. `acquire()` limits the requests in flight and spreads the requests left
/// in the window (`X-Rate-Limit-Requests-Left`) evenly over the time left (`X-Rate-Limit-Time-Reset-Ms`),
/// counting requests in flight as spent. With plenty of quota left it adds no noticeable delay.
/// A 429 makes every caller wait (`X-Retry-After`, else the reset) and the request is resent without
/// counting as a failure; a 429 without rate headers is platform load and backs off 1 s, 2 s, … 60 s.
///
/// Endpoints with a documented concurrency limit of their own (``ConcurrencyLimit``) are held to it as well.
public actor RateGovernor {
    private var pacer: RatePacer
    private let maxConcurrentRequests: Int
    private var inFlight = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var groupInFlight: [String: Int] = [:]
    private var groupWaiters: [String: [CheckedContinuation<Void, Never>]] = [:]
    /// Moving average of response times, seconds.
    private var averageLatency: Double?
    private var counters = RateGovernorStatistics()
    private let clock = ContinuousClock()
    /// Pacing delays up to this are not slept (a sleep costs about a millisecond by itself); the pacer's
    /// schedule still advances, so the average rate stays within the quota.
    private static let sleepThreshold: Duration = .milliseconds(2)

    /// Creates a governor.
    /// - Parameters:
    ///   - maxConcurrentRequests: requests in flight at once (default 3).
    ///   - backoffBase: first wait after a 429 without rate headers (default 1 s).
    ///   - backoffCap: longest such wait (default 60 s).
    ///   - maxPlatformRetries: such 429s in a row before the request fails with a transient error (default 8).
    public init(
        maxConcurrentRequests: Int = 3, backoffBase: Duration = .seconds(1), backoffCap: Duration = .seconds(60),
        maxPlatformRetries: Int = 8
    ) {
        self.maxConcurrentRequests = max(1, maxConcurrentRequests)
        pacer = RatePacer(backoffBase: backoffBase, backoffCap: backoffCap, maxPlatformRetries: maxPlatformRetries)
    }

    /// Waits until a request may be sent, then counts it as in flight.
    public func acquire() async throws {
        try await acquire(limit: nil)
    }

    /// Waits until a request to an endpoint under `limit` may be sent (also within the endpoint's own limit),
    /// then counts it as in flight. Free its slot with `observe(status:headers:latency:limit:)` or
    /// `release(limit:)` given the same limit.
    public func acquire(limit: ConcurrencyLimit?) async throws {
        try Task.checkCancellation()
        if let limit { await takeGroupPermit(limit) }
        await takePermit()
        do {
            var start = pacer.reserve(now: clock.now)
            while true {
                let now = clock.now
                if start - now > Self.sleepThreshold {
                    try await clock.sleep(until: start)
                    counters.waited += clock.now - now
                }
                if let blocked = pacer.blockedUntil, blocked > clock.now {
                    pacer.cancelReservation()
                    start = pacer.reserve(now: clock.now)
                    continue
                }
                break
            }
        } catch {
            pacer.cancelReservation()
            givePermit()
            if let limit { giveGroupPermit(limit) }
            throw error
        }
        counters.requests += 1
    }

    /// Records a response to a request let through by `acquire()` and frees its slot.
    @discardableResult
    public func observe(status: Int, headers: HTTPHeaders) -> RateVerdict {
        observe(status: status, rateLimit: RateLimitHeaders(headers))
    }

    /// Records a response given as parsed rate-limit headers and frees its slot.
    @discardableResult
    public func observe(status: Int, rateLimit: RateLimitHeaders) -> RateVerdict {
        observe(status: status, rateLimit: rateLimit, latency: nil, limit: nil)
    }

    /// Records a response that took `latency` to arrive, to a request let through by `acquire(limit:)`, and frees
    /// its slots.
    @discardableResult
    public func observe(status: Int, headers: HTTPHeaders, latency: Duration?, limit: ConcurrencyLimit?) -> RateVerdict {
        observe(status: status, rateLimit: RateLimitHeaders(headers), latency: latency, limit: limit)
    }

    /// Records a response given as parsed rate-limit headers, with its latency, and frees its slots.
    @discardableResult
    public func observe(status: Int, rateLimit: RateLimitHeaders, latency: Duration?, limit: ConcurrencyLimit?) -> RateVerdict {
        let verdict = pacer.observe(status: status, headers: rateLimit, now: clock.now)
        if status == 429 {
            counters.throttled += 1
            if rateLimit.isEmpty { counters.platformThrottled += 1 }
        }
        if let latency {
            let seconds = Double(latency.components.seconds) + Double(latency.components.attoseconds) / 1e18
            averageLatency = averageLatency.map { $0 + (seconds - $0) * Self.latencyWeight } ?? seconds
        }
        givePermit()
        if let limit { giveGroupPermit(limit) }
        return verdict
    }

    /// Frees the slot of a request that got no response (network error, timeout).
    public func release() {
        release(limit: nil)
    }

    /// Frees the slots of a request let through by `acquire(limit:)` that got no response.
    public func release(limit: ConcurrencyLimit?) {
        pacer.cancelReservation()
        givePermit()
        if let limit { giveGroupPermit(limit) }
    }

    /// The counters so far.
    public var statistics: RateGovernorStatistics { counters }

    /// The quota and response times as last seen.
    public var outlook: RateOutlook {
        RateOutlook(
            requestsPerSecond: pacer.allowedRate(now: clock.now),
            latency: averageLatency.map { .microseconds(Int64($0 * 1_000_000)) }, inFlight: inFlight)
    }

    /// How much a new response time moves the average (about the last ten count).
    private static let latencyWeight = 0.2

    private func takeGroupPermit(_ limit: ConcurrencyLimit) async {
        if groupInFlight[limit.group, default: 0] < limit.limit {
            groupInFlight[limit.group, default: 0] += 1
            return
        }
        await withCheckedContinuation { groupWaiters[limit.group, default: []].append($0) }
    }

    private func giveGroupPermit(_ limit: ConcurrencyLimit) {
        if var queue = groupWaiters[limit.group], !queue.isEmpty {
            let next = queue.removeFirst()
            groupWaiters[limit.group] = queue
            next.resume()
        } else {
            groupInFlight[limit.group] = max(0, groupInFlight[limit.group, default: 0] - 1)
        }
    }

    private func takePermit() async {
        if inFlight < maxConcurrentRequests {
            inFlight += 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func givePermit() {
        if waiters.isEmpty {
            inFlight = max(0, inFlight - 1)
        } else {
            waiters.removeFirst().resume()
        }
    }
}
