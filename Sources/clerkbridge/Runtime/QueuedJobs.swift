import Foundation
import Reliability
import StorefrontRegistry
import SyncEngine
import SyncStore

/// Runs background jobs from a command, through the one queue: they are enqueued, then this process claims and runs
/// the due jobs of their kinds until each is completed or dead — a `serve` or `worker` may take some of them; the
/// command waits for those too. Retries wait out a short backoff; a job that keeps failing is dead-lettered with its
/// payload, as in `serve`.
struct QueuedJobs {
    /// Attempts before a command's job is dead: an operator is waiting.
    static let maxAttempts = 3

    let runtime: Runtime
    let worker: DeltaWorker
    let customers: CustomerWork

    /// A worker for `targets` that runs only what the command asks for (no schedules), telling `progress` how imports go.
    init(runtime: Runtime, targets: [ResolvedStorefront], progress: (@Sendable (String) -> Void)? = nil) {
        self.runtime = runtime
        let sync = DeltaSync(
            reader: runtime.reader(), writer: runtime.writer(), store: runtime.store, targets: targets, logger: runtime.logger)
        customers = BackgroundWork.customerWork(runtime: runtime, sync: sync, targets: targets, progress: progress)
        let configuration = WorkerConfiguration(
            maxAttempts: Self.maxAttempts, backoff: RetryPolicy(base: .seconds(1), cap: .seconds(10)), reconcileInterval: nil,
            reindexInterval: nil, outageGrace: .seconds(30))
        worker = DeltaWorker(
            sync: sync, store: runtime.store, configuration: configuration, signal: WorkSignal(),
            reindex: { _ in throw ReindexError.alreadyRunning("a command's queue runs no reindex") },
            customers: customers, logger: runtime.logger)
    }

    /// Enqueues `jobs` and runs them to their end; returns each job's final record, by key.
    func run(_ jobs: [(JobKey, [UInt8])]) async throws -> [JobKey: Job] {
        let now = Date()
        let outcomes = try await runtime.store.enqueue(jobs, runAt: now, now: now)
        let ids = Dictionary(uniqueKeysWithValues: zip(jobs.map(\.0), outcomes.map(\.jobID)))
        let kinds = Set(jobs.map(\.0.kind))
        var announced: Set<Int64> = []
        while true {
            _ = try await worker.runOnce(kinds: kinds, now: Date())
            var finished: [JobKey: Job] = [:]
            var nextRun: Date?
            for (key, id) in ids {
                guard let job = try await runtime.store.job(id: id) else { continue }
                switch job.state {
                case .completed, .dead:
                    finished[key] = job
                case .retryable:
                    nextRun = min(nextRun ?? job.runAt, job.runAt)
                    if let error = job.lastError, announced.insert(id).inserted {
                        let wait = max(0, job.runAt.timeIntervalSinceNow)
                        FileHandle.standardError.write(Data("\(key.kind): \(error); trying again in \(String(format: "%.0f", wait)) s\n".utf8))
                    }
                case .available, .running:
                    nextRun = Date()
                }
            }
            if finished.count == ids.count { return finished }
            // Due work runs at once; work a retry or another process holds is looked at again shortly.
            let wait = min(1, max(0.05, (nextRun ?? Date()).timeIntervalSinceNow))
            try await Task.sleep(for: .milliseconds(Int(wait * 1000)))
        }
    }
}
