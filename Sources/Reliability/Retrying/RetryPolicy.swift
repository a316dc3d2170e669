import Foundation

/// How often and how long to retry a failure that may go away: exponential backoff with full jitter.
///
/// Attempt `n` (from 1) waits a random duration in `0 ... min(cap, base * 2^(n-1))` before the next try,
/// so that many workers recovering at once do not retry in lockstep. The same policy paces the quick
/// retries inside one call (``run(classify:attemptTimeout:onRetry:_:)``) and a queue's retries between attempts.
public struct RetryPolicy: Sendable, Hashable {
    /// The first backoff ceiling.
    public var base: Duration
    /// The largest backoff ceiling.
    public var cap: Duration
    /// How many tries in all, the first included, before a failure is given up on.
    public var maxAttempts: Int

    /// Creates a policy; the defaults are design.md's (base 1 s, cap 5 min) with six tries.
    public init(base: Duration = .seconds(1), cap: Duration = .seconds(300), maxAttempts: Int = 6) {
        self.base = base
        self.cap = cap
        self.maxAttempts = max(1, maxAttempts)
    }

    /// The upper bound of the wait after the `attempt`-th failed try (1-based).
    public func ceiling(afterAttempt attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let scaled = base * (1 << exponent)
        return scaled > cap ? cap : scaled
    }

    /// A random wait in `0 ... ceiling(afterAttempt:)`.
    public func delay(afterAttempt attempt: Int) -> Duration {
        Self.jittered(upTo: ceiling(afterAttempt: attempt))
    }

    /// A random duration in `0 ... ceiling` (full jitter).
    public static func jittered(upTo ceiling: Duration) -> Duration {
        let nanos = ceiling.components.seconds * 1_000_000_000 + ceiling.components.attoseconds / 1_000_000_000
        guard nanos > 0 else { return .zero }
        return .nanoseconds(Int64.random(in: 0...nanos))
    }

    /// Runs `operation`, trying again while `classify` says the error may be retried, at most ``maxAttempts``
    /// times in all.
    ///
    /// A server's ``Retryability/retryAfter(_:)`` replaces the jittered wait when it is longer (never beyond
    /// ``cap``). With `attemptTimeout`, a try that takes longer is abandoned with ``AttemptTimedOut`` (transient).
    /// The last error is rethrown; cancellation stops the retries at once.
    public func run<T: Sendable>(
        classify: @Sendable (any Error) -> Retryability = Retryability.of,
        attemptTimeout: Duration? = nil,
        onRetry: @Sendable (_ attempt: Int, _ error: any Error, _ wait: Duration) -> Void = { _, _, _ in },
        _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        var attempt = 1
        while true {
            do {
                guard let attemptTimeout else { return try await operation() }
                return try await withThrowingTaskGroup(of: T.self) { group in
                    group.addTask { try await operation() }
                    group.addTask {
                        try await Task.sleep(for: attemptTimeout)
                        throw AttemptTimedOut(after: attemptTimeout)
                    }
                    defer { group.cancelAll() }
                    return try await group.next()!
                }
            } catch {
                try Task.checkCancellation()
                let retryability = classify(error)
                guard attempt < maxAttempts, retryability.mayRetry else { throw error }
                var wait = delay(afterAttempt: attempt)
                if case .retryAfter(let suggested) = retryability, suggested > wait { wait = min(suggested, cap) }
                onRetry(attempt, error, wait)
                try await Task.sleep(for: wait)
                attempt += 1
            }
        }
    }
}
