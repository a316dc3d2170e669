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

    @Test func anEndpointWithItsOwnLimitIsHeldToIt() async throws {
        let governor = RateGovernor(maxConcurrentRequests: 10)
        let single = ConcurrencyLimit(group: "one at a time", limit: 1)
        try await governor.acquire(limit: single)
        let second = Task { try await governor.acquire(limit: single) }
        // Other endpoints are not held back meanwhile.
        try await governor.acquire()
        for _ in 0..<200 { await Task.yield() }
        #expect(await governor.statistics.requests == 2, "a second request to a one-at-a-time endpoint got through")
        await governor.observe(status: 200, headers: HTTPHeaders(), latency: .milliseconds(100), limit: single)
        #expect(await Self.eventually { await governor.statistics.requests == 3 })
        try await second.value
        #expect(await governor.outlook.latency == .milliseconds(100))
        #expect(await governor.outlook.inFlight == 2)
        await governor.release(limit: single)
        await governor.release()
        #expect(Endpoint(.v3, "pricelists/7/records").concurrencyLimit == .priceListRecords)
        #expect(Endpoint(.v3, "catalog/products").concurrencyLimit == nil)
    }

    @Test func theOutlookSpreadsTheRequestsLeftOverTheTimeLeft() async throws {
        let governor = RateGovernor()
        #expect(await governor.outlook.requestsPerSecond == nil)
        try await governor.acquire()
        let headers = HTTPHeaders([
            ("X-Rate-Limit-Requests-Left", "100"), ("X-Rate-Limit-Time-Reset-Ms", "20000"),
            ("X-Rate-Limit-Requests-Quota", "150"), ("X-Rate-Limit-Time-Window-Ms", "30000"),
        ])
        await governor.observe(status: 200, headers: headers)
        let rate = try #require(await governor.outlook.requestsPerSecond)
        #expect(rate > 4.9 && rate < 5.1, "\(rate)")
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
