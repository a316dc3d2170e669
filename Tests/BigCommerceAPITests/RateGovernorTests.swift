import NIOHTTP1
import Testing

@testable import BigCommerceAPI

@Suite("Rate governor")
struct RateGovernorTests {
    /// Polls `condition` until it holds or two seconds pass.
    static func eventually(_ condition: @Sendable () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(2)
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            await Task.yield()
        }
        return await condition()
    }

    @Test func limitsRequestsInFlight() async throws {
        let governor = RateGovernor(maxConcurrentRequests: 2)
        try await governor.acquire()
        try await governor.acquire()
        let third = Task { try await governor.acquire() }
        for _ in 0..<200 { await Task.yield() }
        #expect(await governor.statistics.requests == 2, "a third request got through with two in flight")
        await governor.observe(status: 200, headers: HTTPHeaders())
        #expect(await Self.eventually { await governor.statistics.requests == 3 })
        try await third.value
        await governor.release()
        await governor.release()
    }

    @Test func noQuotaPressureAddsNoWait() async throws {
        let governor = RateGovernor()
        let headers = HTTPHeaders([("X-Rate-Limit-Requests-Left", "1000000000"), ("X-Rate-Limit-Time-Reset-Ms", "30000")])
        for _ in 0..<200 {
            try await governor.acquire()
            #expect(await governor.observe(status: 200, headers: headers) == .proceed)
        }
        let statistics = await governor.statistics
        #expect(statistics.requests == 200)
        #expect(statistics.waited < .milliseconds(5))
    }

    @Test func countsThrottledResponses() async throws {
        let governor = RateGovernor(backoffBase: .milliseconds(1))
        try await governor.acquire()
        let throttled = HTTPHeaders([("x-rate-limit-requests-left", "0"), ("x-rate-limit-time-reset-ms", "20")])
        #expect(await governor.observe(status: 429, headers: throttled) == .retry)
        try await governor.acquire()
        #expect(await governor.observe(status: 429, headers: HTTPHeaders()) == .retry)
        try await governor.acquire()
        await governor.observe(status: 200, headers: HTTPHeaders())
        let statistics = await governor.statistics
        #expect(statistics.throttled == 2)
        #expect(statistics.platformThrottled == 1)
        #expect(statistics.requests == 3)
        #expect(statistics.waited >= .milliseconds(20))
    }
}
