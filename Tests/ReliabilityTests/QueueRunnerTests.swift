import Foundation
import Logging
import Synchronization
import Testing

@testable import Reliability

@Suite("queue runner")
struct QueueRunnerTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    func runner(
        _ queue: MemoryQueue, health: DependencyHealth = DependencyHealth(), maxAttempts: Int = 3,
        lease: Duration = .seconds(15), grace: Duration = .seconds(3_600),
        handler: @escaping QueueRunner<MemoryQueue>.Handler
    ) -> QueueRunner<MemoryQueue> {
        QueueRunner(
            name: "test", queue: queue,
            configuration: RunnerConfiguration(
                owner: "r1", lease: lease, batchSize: 10, maxAttempts: maxAttempts,
                backoff: RetryPolicy(base: .seconds(1), cap: .seconds(60)), outageGrace: grace, pollInterval: .milliseconds(10)),
            health: health, logger: Logger(label: "test"), handler: handler)
    }

    @Test func eachFailureIsSettledByWhatItSays() async throws {
        let queue = MemoryQueue(items: 5, queuedAt: t0)
        let health = DependencyHealth()
        health.answered(.clerk)
        let outcomes: [Int: WorkOutcome] = [
            1: .done,
            2: .failed(TestFailure(retryability: .permanent)),
            3: .failed(TestFailure(retryability: .retryAfter(.seconds(42)))),
            4: .later(at(90), .scheduled),
            5: .failed(TestFailure(retryability: .transient)),
        ]
        let pass = try await runner(queue, health: health) { batch, settler in
            // Clerk answers during the pass, so the transient failure is the item's own.
            health.answered(.clerk)
            for item in batch { settler.settle(item, outcomes[item.id]!) }
        }.runOnce(now: t0)
        #expect(pass.claimed == 5 && pass.done == 1 && pass.dead == 1 && pass.retrying == 3 && !pass.outage)
        #expect(queue.state(1) == .done)
        #expect(queue.state(2) == .dead("test failure (permanent)"))
        #expect(queue.state(3) == .due(at(42), .retryAfter) && queue.attempts(3) == 0)
        #expect(queue.state(4) == .due(at(90), .scheduled) && queue.attempts(4) == 0)
        guard case .due(let retryAt, nil) = queue.state(5) else {
            Issue.record("a transient failure is retried after a backoff, got \(String(describing: queue.state(5)))")
            return
        }
        #expect(retryAt >= t0 && retryAt <= at(2) && queue.attempts(5) == 1)
    }

    @Test func aTransientFailureOfADependencyNothingReachedIsAnOutageJudgedByTime() async throws {
        let queue = MemoryQueue(items: 3, queuedAt: t0)
        let health = DependencyHealth()
        let failing = runner(queue, health: health) { batch, settler in
            settler.settle(batch, .failed(TestFailure(retryability: .transient)))
        }
        var pass = try await failing.runOnce(now: t0)
        #expect(pass.outage && pass.retrying == 3 && pass.dead == 0)
        guard case .down(let since, _) = health.condition(.clerk) else {
            Issue.record("Clerk should be down")
            return
        }
        #expect(since == t0)
        func waits() -> [Date] {
            (1...3).compactMap { id in
                guard case .due(let until, .outage) = queue.state(id), queue.attempts(id) == 0 else { return nil }
                return until
            }
        }
        // Down for 0 s, 1 s and 100 s: the wait is half of that (a base second at least), jittered over its
        // upper half, and no attempt is spent.
        #expect(waits().count == 3 && waits().allSatisfy { $0 >= at(0.5) && $0 <= at(1) })
        pass = try await failing.runOnce(now: at(1))
        #expect(pass.claimed == 3 && pass.outage)
        #expect(waits().count == 3 && waits().allSatisfy { $0 >= at(1.5) && $0 <= at(2) })
        pass = try await failing.runOnce(now: at(100))
        #expect(pass.claimed == 3)
        #expect(waits().count == 3 && waits().allSatisfy { $0 >= at(125) && $0 <= at(150) })

        // Clerk answers (a call elsewhere in the process): the next pass brings everything forward at once.
        health.answered(.clerk)
        #expect(health.condition(.clerk) == .up)
        let recovered = try await runner(queue, health: health) { batch, settler in settler.settle(batch, .done) }
            .runOnce(now: at(102))
        #expect(recovered.done == 3)
    }

    @Test func anOutageLongerThanTheGraceSpendsAttemptsAndEndsInTheDeadLetters() async throws {
        let queue = MemoryQueue(items: 1, queuedAt: t0)
        let failing = runner(queue, maxAttempts: 2, grace: .seconds(60)) { batch, settler in
            settler.settle(batch, .failed(TestFailure(retryability: .outage)))
        }
        try await failing.runOnce(now: t0)
        #expect(queue.attempts(1) == 0)
        try await failing.runOnce(now: at(61))
        #expect(queue.attempts(1) == 1)
        try await failing.runOnce(now: at(200))
        #expect(queue.state(1) == .dead("test failure (outage)"))
    }

    @Test func workBehindAFailureWaitsAsLongAsTheOutageAndUnsettledWorkIsPutBack() async throws {
        let queue = MemoryQueue(items: 3, queuedAt: t0)
        try await runner(queue) { batch, settler in
            settler.settle(batch[0], .failed(TestFailure(retryability: .transient)))
            settler.settle(batch[1], .skipped)
        }.runOnce(now: t0)
        guard case .due(let failed, .outage) = queue.state(1), case .due(let skipped, .outage) = queue.state(2) else {
            Issue.record("the failure and the work behind it wait for the outage")
            return
        }
        #expect(skipped == failed)
        #expect(queue.state(3) == .due(t0, .interrupted))
    }

    @Test func finishedWorkIsMarkedDoneBeforeTheBatchEnds() async throws {
        let queue = MemoryQueue(items: 2, queuedAt: t0)
        let release = AsyncStream<Void>.makeStream()
        let run = Task {
            try await runner(queue) { batch, settler in
                settler.settle(batch[0], .done)
                for await _ in release.stream { break }
                settler.settle(batch[1], .done)
            }.runOnce(now: t0)
        }
        try await eventually { queue.state(1) == .done }
        #expect(queue.state(2) != .done)
        release.continuation.yield()
        _ = try await run.value
        #expect(queue.state(2) == .done)
    }

    @Test func leasesAreRenewedWhileTheWorkRuns() async throws {
        let queue = MemoryQueue(items: 1, queuedAt: Date())
        let release = AsyncStream<Void>.makeStream()
        let started = Date()
        let run = Task {
            try await runner(queue, lease: .milliseconds(300)) { batch, settler in
                for await _ in release.stream { break }
                settler.settle(batch, .done)
            }.runOnce(now: started)
        }
        // A renewal moves the lease past the one the claim gave.
        try await eventually {
            guard case .leased(_, let until) = queue.state(1) else { return false }
            return until > started.addingTimeInterval(0.3)
        }
        release.continuation.yield()
        _ = try await run.value
        #expect(queue.state(1) == .done)
    }

    @Test func aCancelledRunnerPutsWhatItHoldsBackAtOnce() async throws {
        let queue = MemoryQueue(items: 2, queuedAt: t0)
        let entered = AsyncStream<Void>.makeStream()
        let never = AsyncStream<Void>.makeStream()
        let run = Task {
            try await runner(queue) { batch, settler in
                settler.settle(batch[0], .done)
                entered.continuation.yield()
                // Ends only when the task is cancelled.
                for await _ in never.stream {}
                if Task.isCancelled { settler.settle(batch[1], .failed(CancellationError())) }
            }.runOnce(now: t0)
        }
        for await _ in entered.stream { break }
        run.cancel()
        _ = try await run.value
        #expect(queue.state(1) == .done)
        #expect(queue.state(2) == .due(t0, .interrupted) && queue.attempts(2) == 0)
    }

    @Test func workAddedWhileTheRunnerGathersIsClaimedInOneBatch() async throws {
        let queue = MemoryQueue(items: 0, queuedAt: t0)
        let signal = WorkSignal()
        let batches = Mutex<[[Int]]>([])
        let runner = QueueRunner(
            name: "gather", queue: queue,
            configuration: RunnerConfiguration(
                owner: "r1", batchSize: 10, pollInterval: .seconds(3_600), gatherWindow: .seconds(2)),
            health: DependencyHealth(), signal: signal, logger: Logger(label: "test")
        ) { batch, settler in
            batches.withLock { $0.append(batch.map(\.id)) }
            settler.settle(batch, .done)
        }
        let run = Task { await runner.run() }
        try await eventually { signal.waiting == 1 }

        // A burst begins: two items are claimed together, so the runner gathers before its next claim.
        queue.add(1, at: Date())
        queue.add(2, at: Date())
        signal.notify()
        try await eventually { batches.withLock { $0.count } == 1 }
        for id in 3...5 {
            queue.add(id, at: Date())
            signal.notify()
        }
        try await eventually { (1...5).allSatisfy { queue.state($0) == .done } }
        #expect(batches.withLock { $0 } == [[1, 2], [3, 4, 5]])
        runner.stop()
        await run.value
    }

    /// Polls `condition` until it holds, yielding between checks; fails the test after `seconds`.
    func eventually(seconds: Double = 10, _ condition: () async throws -> Bool) async throws {
        if try await !ReliabilityTests.eventually(seconds: seconds, condition) {
            Issue.record("condition not met within \(seconds) s")
        }
    }
}
