import Synchronization
import Testing

@testable import SyncEngine

@Suite("retry policy")
struct RetryPolicyTests {
    struct Flaky: Error { let transient: Bool }

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
        let value = try await policy.run(isTransient: { ($0 as? Flaky)?.transient == true }) {
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
            try await policy.run(isTransient: { ($0 as? Flaky)?.transient == true }) {
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
            try await policy.run(isTransient: { _ in true }) {
                calls.withLock { $0 += 1 }
                throw Flaky(transient: true)
            }
        }
        #expect(calls.withLock { $0 } == 4)
    }
}
