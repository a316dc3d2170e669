import NIOHTTP1
import Testing

@testable import BigCommerceAPI

@Suite("Rate pacing")
struct RatePacerTests {
    typealias Instant = ContinuousClock.Instant
    let t0 = ContinuousClock.now

    func at(_ milliseconds: Int) -> Instant { t0 + .milliseconds(milliseconds) }

    func headers(left: Int? = nil, resetMs: Int? = nil, quota: Int? = nil, windowMs: Int? = nil, retryAfter: Double? = nil)
        -> RateLimitHeaders
    {
        RateLimitHeaders(
            requestsLeft: left, resetMilliseconds: resetMs, quota: quota, windowMilliseconds: windowMs,
            retryAfterSeconds: retryAfter)
    }

    @Test func noInformationMeansNoDelay() {
        var pacer = RatePacer()
        #expect(pacer.reserve(now: t0) == t0)
        #expect(pacer.reserve(now: t0) == t0)
    }

    @Test func spreadsRequestsLeftOverTheWindow() {
        var pacer = RatePacer()
        #expect(pacer.reserve(now: t0) == t0)
        #expect(pacer.observe(status: 200, headers: headers(left: 149, resetMs: 29_800), now: at(0)) == .proceed)
        // 29.8 s / 149 left = 200 ms after the previous start.
        #expect(pacer.reserve(now: at(0)) == at(200))
    }

    @Test func latencyCountsTowardsTheInterval() {
        var pacer = RatePacer()
        _ = pacer.reserve(now: t0)
        _ = pacer.observe(status: 200, headers: headers(left: 100, resetMs: 20_000), now: at(300))
        // Interval 200 ms, but the response took 300 ms: go at once.
        #expect(pacer.reserve(now: at(300)) == at(300))
    }

    @Test func requestsInFlightAreCountedAsSpent() {
        var pacer = RatePacer()
        _ = pacer.reserve(now: t0)
        _ = pacer.observe(status: 200, headers: headers(left: 2, resetMs: 1_000), now: t0)
        let first = pacer.reserve(now: t0)
        let second = pacer.reserve(now: t0)
        let third = pacer.reserve(now: t0)
        #expect(first == at(500))
        #expect(second == at(1_000))
        #expect(third == at(1_000) + pacer.margin)
    }

    @Test func exhaustedQuotaWaitsForTheReset() {
        var pacer = RatePacer()
        _ = pacer.reserve(now: t0)
        _ = pacer.observe(status: 200, headers: headers(left: 0, resetMs: 1_500), now: t0)
        #expect(pacer.reserve(now: at(5)) == at(1_500) + pacer.margin)
    }

    @Test func plentyOfQuotaAddsNoDelay() {
        var pacer = RatePacer()
        var now = t0
        var delay = Duration.zero
        for _ in 0..<1_000 {
            let start = pacer.reserve(now: now)
            delay += start - now
            now = start + .milliseconds(10)
            _ = pacer.observe(status: 200, headers: headers(left: 1_000_000, resetMs: 30_000), now: now)
        }
        #expect(delay == .zero)
    }

    @Test func windowRollsOverToTheKnownQuota() {
        var pacer = RatePacer()
        _ = pacer.reserve(now: t0)
        _ = pacer.observe(status: 200, headers: headers(left: 0, resetMs: 1_000, quota: 20, windowMs: 2_000), now: t0)
        let start = pacer.reserve(now: at(1_100))
        #expect(start == at(1_100))
        #expect(pacer.left == 20)
    }

    @Test func staleReportsWithinAWindowAreIgnored() {
        var pacer = RatePacer()
        _ = pacer.reserve(now: t0)
        _ = pacer.reserve(now: t0)
        _ = pacer.observe(status: 200, headers: headers(left: 10, resetMs: 1_000), now: at(100))
        _ = pacer.observe(status: 200, headers: headers(left: 12, resetMs: 1_050), now: at(110))
        #expect(pacer.left == 10)
    }

    @Test func aNewWindowReplacesTheOldReport() {
        var pacer = RatePacer()
        _ = pacer.reserve(now: t0)
        _ = pacer.observe(status: 200, headers: headers(left: 1, resetMs: 500), now: t0)
        _ = pacer.reserve(now: at(400))
        _ = pacer.observe(status: 200, headers: headers(left: 19, resetMs: 1_900), now: at(450))
        #expect(pacer.left == 19)
    }

    @Test func throttledWithRetryAfterBlocksEveryone() {
        var pacer = RatePacer()
        _ = pacer.reserve(now: t0)
        let verdict = pacer.observe(status: 429, headers: headers(left: 0, resetMs: 1_234, retryAfter: 2), now: t0)
        #expect(verdict == .retry)
        // X-Retry-After 2 s is the 1 234 ms reset rounded up: wait the exact reset.
        #expect(pacer.reserve(now: at(1)) == at(1_234) + pacer.margin)
    }

    @Test func longerRetryAfterWins() {
        #expect(RatePacer.throttleWait(headers(resetMs: 100, retryAfter: 5), fallback: .seconds(1)) == .seconds(5))
        #expect(RatePacer.throttleWait(headers(retryAfter: 2), fallback: .seconds(1)) == .seconds(2))
        #expect(RatePacer.throttleWait(headers(left: 0), fallback: .seconds(1)) == .seconds(1))
    }

    @Test func throttledWithResetOnly() {
        var pacer = RatePacer()
        _ = pacer.reserve(now: t0)
        #expect(pacer.observe(status: 429, headers: headers(resetMs: 700), now: t0) == .retry)
        #expect(pacer.reserve(now: t0) == at(700) + pacer.margin)
    }

    @Test func platformLoadBacksOffExponentiallyThenGivesUp() {
        var pacer = RatePacer(maxPlatformRetries: 8)
        var now = t0
        var waits: [Duration] = []
        for _ in 0..<8 {
            _ = pacer.reserve(now: now)
            #expect(pacer.observe(status: 429, headers: headers(), now: now) == .retry)
            let start = pacer.reserve(now: now)
            waits.append(start - now)
            pacer.cancelReservation()
            now = start
        }
        #expect(waits == [1, 2, 4, 8, 16, 32, 60, 60].map { Duration.seconds($0) })
        _ = pacer.reserve(now: now)
        #expect(pacer.observe(status: 429, headers: headers(), now: now) == .giveUp)
    }

    @Test func successResetsPlatformBackoff() {
        var pacer = RatePacer()
        _ = pacer.reserve(now: t0)
        _ = pacer.observe(status: 429, headers: headers(), now: t0)
        _ = pacer.reserve(now: t0)
        _ = pacer.observe(status: 200, headers: headers(), now: at(1_000))
        #expect(pacer.consecutivePlatformThrottles == 0)
        #expect(pacer.platformBackoff(attempt: 1) == .seconds(1))
    }

    @Test func headerNamesAreCaseInsensitive() {
        let fromPairs = RateLimitHeaders(pairs: [
            ("x-rate-limit-requests-left", "7"), ("X-RATE-LIMIT-TIME-RESET-MS", "1200"),
            ("x-rate-limit-requests-quota", "150"), ("X-Rate-Limit-Time-Window-Ms", "30000"), ("x-retry-after", "2"),
        ])
        #expect(fromPairs == headers(left: 7, resetMs: 1_200, quota: 150, windowMs: 30_000, retryAfter: 2))
        let fromHTTP = RateLimitHeaders(
            HTTPHeaders([("x-rate-limit-requests-left", "7"), ("x-rate-limit-time-reset-ms", "1200")]))
        #expect(fromHTTP.requestsLeft == 7)
        #expect(fromHTTP.resetMilliseconds == 1_200)
        #expect(RateLimitHeaders(HTTPHeaders([("Content-Type", "application/json")])).isEmpty)
    }

    /// Simulates a store with a Standard-plan quota (150 per 30 s fixed windows) and a crawl with
    /// 3 requests in flight and 120 ms round trips.
    @Test(arguments: [(150, 30_000, 120, 600), (20, 2_000, 5, 60), (25, 5_000, 200, 100)])
    func simulatedCrawlStaysJustUnderTheQuota(quota: Int, windowMs: Int, latencyMs: Int, total: Int) {
        let result = PacingSimulation(
            quota: quota, window: .milliseconds(windowMs), latency: .milliseconds(latencyMs), concurrency: 3
        ).run(requests: total, start: t0)
        #expect(result.throttled <= 1)
        let quotaRate = Double(quota) / (Double(windowMs) / 1000)
        let rate = Double(total) / result.elapsedSeconds
        #expect(rate >= 0.95 * quotaRate, "rate \(rate) vs quota \(quotaRate)")
        #expect(rate <= 1.05 * quotaRate, "rate \(rate) vs quota \(quotaRate)")
    }
}

/// A discrete-event simulation of workers sharing one `RatePacer` against a fixed-window quota server.
struct PacingSimulation {
    typealias Instant = ContinuousClock.Instant
    var quota: Int
    var window: Duration
    var latency: Duration
    var concurrency: Int

    struct Result {
        var throttled: Int
        var elapsedSeconds: Double
    }

    private enum Event {
        case ready(Int)
        case send(Int)
        case arrive(Int)
        case respond(Int, Int, RateLimitHeaders)
    }

    func run(requests total: Int, start t0: Instant) -> Result {
        var pacer = RatePacer()
        var events: [(Instant, Int, Event)] = []
        var sequence = 0
        func schedule(_ time: Instant, _ event: Event) {
            sequence += 1
            events.append((time, sequence, event))
        }
        for worker in 0..<concurrency { schedule(t0, .ready(worker)) }
        var issued = 0
        var done = 0
        var throttled = 0
        var windowStart: Instant?
        var used = 0
        var firstSend: Instant?
        var lastDone = t0
        while !events.isEmpty {
            let index = events.indices.min { (events[$0].0, events[$0].1) < (events[$1].0, events[$1].1) }!
            let (now, _, event) = events.remove(at: index)
            switch event {
            case .ready(let worker):
                guard issued < total else { continue }
                issued += 1
                schedule(pacer.reserve(now: now), .send(worker))
            case .send(let worker):
                if let blocked = pacer.blockedUntil, blocked > now {
                    pacer.cancelReservation()
                    schedule(pacer.reserve(now: now), .send(worker))
                    continue
                }
                firstSend = firstSend ?? now
                schedule(now + latency / 2, .arrive(worker))
            case .arrive(let worker):
                if windowStart == nil || now >= windowStart! + window {
                    windowStart = windowStart.map { start in
                        var next = start
                        while now >= next + window { next = next + window }
                        return next
                    } ?? now
                    used = 0
                }
                let resetMs = Int(((windowStart! + window) - now) / .milliseconds(1))
                if used >= quota {
                    let headers = RateLimitHeaders(
                        requestsLeft: 0, resetMilliseconds: resetMs, quota: quota,
                        windowMilliseconds: Int(window / .milliseconds(1)),
                        retryAfterSeconds: (Double(resetMs) / 1000).rounded(.up))
                    schedule(now + latency / 2, .respond(worker, 429, headers))
                } else {
                    used += 1
                    let headers = RateLimitHeaders(
                        requestsLeft: quota - used, resetMilliseconds: resetMs, quota: quota,
                        windowMilliseconds: Int(window / .milliseconds(1)))
                    schedule(now + latency / 2, .respond(worker, 200, headers))
                }
            case .respond(let worker, let status, let headers):
                switch pacer.observe(status: status, headers: headers, now: now) {
                case .proceed:
                    done += 1
                    lastDone = now
                    schedule(now, .ready(worker))
                case .retry, .giveUp:
                    throttled += 1
                    issued -= 1
                    schedule(now, .ready(worker))
                }
            }
        }
        let elapsed = lastDone - (firstSend ?? t0)
        return Result(throttled: throttled, elapsedSeconds: Double(elapsed / .milliseconds(1)) / 1000)
    }
}
