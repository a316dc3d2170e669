import Synchronization
import Testing

@testable import Reliability

@Suite("retry policy")
struct RetryPolicyTests {
    struct Flaky: RetryClassified {
        let transient: Bool
        var retryability: Retryability { transient ? .transient : .permanent }
        var dependency: Dependency? { .clerk }
    }

    @Test func ceilingsDoubleUpToTheCap() {
        let policy = RetryPolicy(base: .seconds(1), cap: .seconds(300), maxAttempts: 20)
        #expect(policy.ceiling(afterAttempt: 1) == .seconds(1))
        #expect(policy.ceiling(afterAttempt: 2) == .seconds(2))
        #expect(policy.ceiling(afterAttempt: 9) == .seconds(256))
        #expect(policy.ceiling(afterAttempt: 10) == .seconds(300))
        #expect(policy.ceiling(afterAttempt: 60) == .seconds(300))
    }

    @Test func delaysAreFullJitterWithinTheCeiling() {
        let policy = RetryPolicy(base: .milliseconds(100), cap: .seconds(1))
        let delays = (0..<200).map { _ in policy.delay(afterAttempt: 3) }
        #expect(delays.allSatisfy { $0 >= .zero && $0 <= .milliseconds(400) })
        #expect(Set(delays).count > 100)
    }

    @Test func transientErrorsAreRetriedUntilSuccess() async throws {
        let calls = Mutex(0)
        let policy = RetryPolicy(base: .milliseconds(1), cap: .milliseconds(2), maxAttempts: 5)
        let value = try await policy.run {
            let call = calls.withLock { $0 += 1; return $0 }
            if call < 3 { throw Flaky(transient: true) }
            return call
        }
        #expect(value == 3)
    }

    @Test func permanentErrorsAreNotRetried() async {
        let calls = Mutex(0)
        let policy = RetryPolicy(base: .milliseconds(1), cap: .milliseconds(2), maxAttempts: 5)
        await #expect(throws: Flaky.self) {
            try await policy.run {
                calls.withLock { $0 += 1 }
                throw Flaky(transient: false)
            }
        }
        #expect(calls.withLock { $0 } == 1)
    }

    @Test func transientErrorsStopAtMaxAttempts() async {
        let calls = Mutex(0)
        let policy = RetryPolicy(base: .milliseconds(1), cap: .milliseconds(2), maxAttempts: 4)
        await #expect(throws: Flaky.self) {
            try await policy.run(classify: { _ in .outage }) {
                calls.withLock { $0 += 1 }
                throw Flaky(transient: true)
            }
        }
        #expect(calls.withLock { $0 } == 4)
    }

    @Test func aServersRetryAfterReplacesAShorterJitteredWait() async throws {
        let calls = Mutex<[ContinuousClock.Instant]>([])
        let policy = RetryPolicy(base: .milliseconds(1), cap: .seconds(1), maxAttempts: 3)
        let value = try await policy.run(classify: { _ in .retryAfter(.milliseconds(120)) }) {
            let count = calls.withLock { $0.append(.now); return $0.count }
            if count < 2 { throw Flaky(transient: true) }
            return count
        }
        #expect(value == 2)
        let times = calls.withLock { $0 }
        #expect(times[1] - times[0] >= .milliseconds(120))
    }

    @Test func anOutageIsWaitedOutByItsDurationWithinBaseAndCap() {
        let policy = RetryPolicy(base: .seconds(1), cap: .seconds(300))
        // Half the time it has been down, jittered over the upper half of that.
        for _ in 0..<100 {
            let twenty = policy.outageWait(downFor: .seconds(20))
            #expect(twenty >= .seconds(5) && twenty <= .seconds(10))
            let hours = policy.outageWait(downFor: .seconds(7_200))
            #expect(hours >= .seconds(150) && hours <= .seconds(300))
            let fresh = policy.outageWait(downFor: .zero)
            #expect(fresh >= .milliseconds(500) && fresh <= .seconds(1))
        }
    }

    @Test func errorsThatSayNothingAreRetriedAndCancellationIsTransient() {
        struct Unknown: Error {}
        #expect(Retryability.of(Unknown()) == .transient)
        #expect(Retryability.of(CancellationError()) == .transient)
        #expect(Retryability.of(Flaky(transient: false)) == .permanent)
        #expect(Dependency.of(Flaky(transient: true)) == .clerk)
        #expect(Dependency.of(Unknown()) == nil)
    }
}
