import Foundation
import Logging
import Synchronization

/// The one loop that runs queued work of every kind: claim a batch under a short lease, run it while a
/// heartbeat renews the lease, settle each piece, back off, recognise an outage, dead-letter.
///
/// - Leases are short and renewed while the work runs, so what a killed process held is claimed elsewhere
///   within one lease.
/// - Work that is done is marked done as it finishes (see ``WorkSettler``).
/// - A failure is classified once (``Retryability``): permanent work is dead-lettered at once; a server's
///   `Retry-After` is waited out without an attempt; a transient failure spends an attempt with
///   exponential backoff, up to ``RunnerConfiguration/maxAttempts``, then is dead-lettered.
/// - An outage — an error that says so, or a transient failure of a dependency that nothing reached after
///   the batch began — is judged by time (``DependencyHealth``): the work waits without attempts, for
///   longer the longer the dependency has been down, and is brought forward as soon as it answers again.
public final class QueueRunner<Queue: WorkQueue>: Sendable {
    /// Runs a claimed batch, reporting how each piece ended to the settler. Work it leaves unreported is
    /// put back as interrupted.
    public typealias Handler = @Sendable (_ batch: [Queue.Work], _ settler: WorkSettler<Queue.Work>) async -> Void

    private struct State {
        var lifecycle = WorkerLifecycle.idle
        /// The recoveries of the health this runner has brought work forward for; from 0, so a runner that
        /// starts after a recovery still resumes what waited for it.
        var recoveriesSeen: UInt64 = 0
    }

    /// What the runner is called in logs (`delta`, `events`, …).
    public let name: String
    /// The queue it serves.
    public let queue: Queue
    /// How it claims, retries and waits.
    public let configuration: RunnerConfiguration
    private let handler: Handler
    private let health: DependencyHealth
    private let signal: WorkSignal
    private let topics: WorkSignal.Topics
    private let logger: Logger
    private let state = Mutex(State())

    /// Creates a runner of `handler` over `queue`; `signal` wakes it when work of one of `topics` is added in this
    /// process.
    public init(
        name: String, queue: Queue, configuration: RunnerConfiguration, health: DependencyHealth,
        signal: WorkSignal = WorkSignal(), topics: WorkSignal.Topics = .all, logger: Logger, handler: @escaping Handler
    ) {
        self.topics = topics
        self.name = name
        self.queue = queue
        self.configuration = configuration
        self.handler = handler
        self.health = health
        self.signal = signal
        var logger = logger
        logger[metadataKey: "runner"] = "\(name)"
        self.logger = logger
    }

    /// Where the runner is in its life.
    public var lifecycle: WorkerLifecycle {
        state.withLock { $0.lifecycle }
    }

    /// Runs passes until ``stop()`` or cancellation, waking on the signal of its topics or every poll interval. While
    /// work arrives in a burst (a pass found several pieces within the last second) it gathers for
    /// ``RunnerConfiguration/gatherWindow`` before each claim that is not right after a full batch; a lone change
    /// outside a burst is claimed at once. The batch in progress finishes first; work not done when cancelled goes
    /// back to the queue at once.
    public func run() async {
        let started = state.withLock { state in
            guard state.lifecycle == .idle else { return false }
            state.lifecycle = .running
            return true
        }
        guard started else { return }
        // Until when work is arriving in a burst: a pass found several pieces within the last second.
        var burstUntil = ContinuousClock.now
        while !Task.isCancelled, lifecycle == .running {
            var wait = true
            do {
                let pass = try await runOnce(now: Date())
                if pass.claimed > 1 { burstUntil = .now + Self.burstMemory }
                if pass.claimed > 0, !pass.outage {
                    // A full batch: more is waiting, claim at once. Less during a burst: gather what comes meanwhile.
                    if pass.claimed < configuration.batchSize, ContinuousClock.now < burstUntil { await gather() }
                    wait = false
                }
            } catch {
                logger.error("Queue pass failed; trying again after the poll interval", metadata: ["error": "\(error)"])
            }
            guard wait else { continue }
            guard lifecycle == .running, !Task.isCancelled else { break }
            await signal.wait(for: topics, timeout: configuration.pollInterval)
            if ContinuousClock.now < burstUntil { await gather() }
        }
        state.withLock { $0.lifecycle = .stopped }
    }

    /// How long after a pass that found several pieces of work the runner still treats new work as a burst.
    static var burstMemory: Duration { .seconds(1) }

    /// Waits ``RunnerConfiguration/gatherWindow`` (not when stopping).
    private func gather() async {
        guard configuration.gatherWindow > .zero, lifecycle == .running else { return }
        try? await Task.sleep(for: configuration.gatherWindow)
    }

    /// Asks ``run()`` to return after the batch in progress.
    public func stop() {
        state.withLock { state in
            if state.lifecycle == .running || state.lifecycle == .idle { state.lifecycle = .stopping }
        }
        signal.notify()
    }

    /// Runs one pass at `now`: brings work forward when a dependency came back, claims a batch, runs it and
    /// settles every piece.
    @discardableResult
    public func runOnce(now: Date) async throws -> RunnerPass {
        try await resumeIfRecovered(now: now)
        let mark = health.mark()
        let batch = try await queue.claim(
            owner: configuration.owner, now: now, lease: configuration.lease, limit: configuration.batchSize)
        var pass = RunnerPass()
        pass.claimed = batch.count
        guard !batch.isEmpty else { return pass }

        let queue = self.queue
        let owner = configuration.owner
        let settler = WorkSettler<Queue.Work>(
            writeCompletions: { ids in try await queue.complete(ids, owner: owner, now: Date()) }, logger: logger)
        await withHeartbeat(batch, settler: settler) {
            await self.handler(batch, settler)
        }
        await settler.drain()
        let cancelled = Task.isCancelled
        // Settling must survive a cancellation (stores refuse work from a cancelled task).
        pass = try await Task {
            try await self.settle(batch, settler: settler, mark: mark, cancelled: cancelled, now: now)
        }.value
        try await resumeIfRecovered(now: Date())
        return pass
    }

    // MARK: Settling

    private enum Verdict {
        case dead
        case retry(Date)
        case wait(Date, WaitReason)
    }

    private func settle(
        _ batch: [Queue.Work], settler: WorkSettler<Queue.Work>, mark: DependencyHealth.Mark, cancelled: Bool, now: Date
    ) async throws -> RunnerPass {
        var pass = RunnerPass()
        pass.claimed = batch.count
        pass.done = settler.doneCount
        var outageUntil: Date?
        var verdicts: [(Queue.Work, Verdict, (any Error)?)] = []
        var skipped: [Queue.Work] = []
        for work in batch {
            switch settler.outcome(work.id) {
            case .done:
                continue
            case .later(let until, let reason):
                verdicts.append((work, .wait(until, reason), nil))
            case .skipped:
                skipped.append(work)
            case nil:
                verdicts.append((work, .wait(now, .interrupted), nil))
            case .failed(let error):
                let verdict = judge(error, of: work, mark: mark, cancelled: cancelled, now: now)
                if case .wait(let until, .outage) = verdict {
                    pass.outage = true
                    outageUntil = max(outageUntil ?? until, until)
                }
                verdicts.append((work, verdict, error))
            }
        }
        // Work behind a failure waits as long as the outage does, else is due again at once.
        for work in skipped {
            verdicts.append((work, outageUntil.map { .wait($0, .outage) } ?? .wait(now, .interrupted), nil))
        }
        var waits: [WaitKey: [Queue.Work.ID]] = [:]
        for (work, verdict, error) in verdicts {
            switch verdict {
            case .wait(let until, let reason):
                waits[WaitKey(until: until, reason: reason), default: []].append(work.id)
                pass.retrying += 1
            case .retry(let at):
                try await queue.fail(work, owner: configuration.owner, error: error ?? CancellationError(), retryAt: at, now: now)
                pass.retrying += 1
                logger.warning("Work failed; retrying later", metadata: [
                    "work": "\(work.id)", "attempt": "\(work.attempts + 1)", "error": "\(error.map { "\($0)" } ?? "")",
                ])
            case .dead:
                try await queue.fail(work, owner: configuration.owner, error: error ?? CancellationError(), retryAt: nil, now: now)
                pass.dead += 1
                logger.error("Work failed for good; dead-lettered", metadata: [
                    "work": "\(work.id)", "attempts": "\(work.attempts + 1)", "error": "\(error.map { "\($0)" } ?? "")",
                ])
            }
        }
        for (key, ids) in waits {
            try await queue.putBack(ids, owner: configuration.owner, until: key.until, reason: key.reason, now: now)
        }
        return pass
    }

    private struct WaitKey: Hashable {
        var until: Date
        var reason: WaitReason
    }

    /// What to do with `work` after it failed with `error`.
    private func judge(
        _ error: any Error, of work: Queue.Work, mark: DependencyHealth.Mark, cancelled: Bool, now: Date
    ) -> Verdict {
        if cancelled || error is CancellationError { return .wait(now, .interrupted) }
        let dependency = Dependency.of(error)
        var retryability = Retryability.of(error)
        if retryability == .transient, let dependency, !health.answered(dependency, since: mark) {
            retryability = .outage
        }
        switch retryability {
        case .permanent:
            return .dead
        case .retryAfter(let wait):
            return .wait(now.addingTimeInterval(wait.timeInterval), .retryAfter)
        case .outage:
            let since = dependency.map { health.wentDown($0, at: now, reason: "\(error)") } ?? work.queuedAt
            if now.timeIntervalSince(work.queuedAt) < configuration.outageGrace.timeInterval {
                let wait = configuration.backoff.outageWait(downFor: .seconds(max(0, now.timeIntervalSince(since))))
                return .wait(now.addingTimeInterval(wait.timeInterval), .outage)
            }
            return attempt(work, now: now)
        case .transient:
            return attempt(work, now: now)
        }
    }

    private func attempt(_ work: Queue.Work, now: Date) -> Verdict {
        guard work.attempts + 1 < configuration.maxAttempts else { return .dead }
        let wait = configuration.backoff.delay(afterAttempt: work.attempts + 1)
        return .retry(now.addingTimeInterval(wait.timeInterval))
    }

    // MARK: Leases and recovery

    /// Renews the leases of the batch's unsettled work every third of a lease while `work` runs.
    private func withHeartbeat(
        _ batch: [Queue.Work], settler: WorkSettler<Queue.Work>, _ work: @escaping @Sendable () async -> Void
    ) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                let interval = self.configuration.lease / 3
                while !Task.isCancelled {
                    do { try await Task.sleep(for: interval) } catch { return }
                    let held = batch.map(\.id).filter { !settler.isSettled($0) }
                    guard !held.isEmpty else { continue }
                    do {
                        let until = Date().addingTimeInterval(self.configuration.lease.timeInterval)
                        try await self.queue.renewLeases(held, owner: self.configuration.owner, until: until)
                    } catch {
                        self.logger.warning("Could not renew leases", metadata: ["error": "\(error)"])
                    }
                }
            }
            await work()
            group.cancelAll()
        }
    }

    /// Brings the work that waited for an outage forward once a dependency answers again.
    private func resumeIfRecovered(now: Date) async throws {
        let recoveries = health.recoveries
        guard state.withLock({ $0.recoveriesSeen != recoveries }) else { return }
        let resumed = try await queue.resumeAfterOutage(now: now)
        state.withLock { $0.recoveriesSeen = recoveries }
        if resumed > 0 {
            logger.info("Work that waited for the outage is due again", metadata: ["count": "\(resumed)"])
        }
    }
}

extension Duration {
    /// The duration in seconds, for `Date` arithmetic.
    public var timeInterval: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
