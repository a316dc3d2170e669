import Foundation
import Reliability
import SyncEngine
import SyncStore

/// The job queue as the dashboard lists and handles it: jobs by state and kind, one job's detail, retrying a dead
/// or waiting job now, and cancelling a waiting one.
public struct JobDesk: Sendable {
    /// The most jobs one list answer holds.
    public static let listLimit = 500

    let store: any DashboardStorage
    let signal: WorkSignal?
    let mask: SecretMask

    /// Creates the desk over `store`; `signal` wakes this process's worker when a job becomes due.
    public init(store: any DashboardStorage, signal: WorkSignal?, mask: SecretMask) {
        self.store = store
        self.signal = signal
        self.mask = mask
    }

    /// Up to `limit` (at most ``listLimit``) jobs matching `filter` after `offset`.
    public func list(_ filter: JobFilter, limit: Int = 100, offset: Int = 0) async throws -> [JobEntry] {
        try await store.jobs(matching: filter, limit: min(max(limit, 0), Self.listLimit), offset: offset).map {
            JobEntry($0, mask: mask)
        }
    }

    /// Job `id` with its payload and history.
    public func detail(id: Int64) async throws -> JobEntry {
        JobEntry(try await job(id: id), detailed: true, mask: mask)
    }

    /// Runs job `id` again: a dead one becomes available now with its attempts reset (its dead letters, if any, are
    /// resolved: the job is their replay); a waiting one becomes due now. Running and completed jobs are refused.
    public func retry(id: Int64, now: Date = Date()) async throws -> JobAction {
        let job = try await job(id: id)
        switch job.state {
        case .dead:
            let requeued = try await store.requeue(id: id, now: now)
            try await store.resolveDeadLetters(
                storefront: job.key.storefront.isEmpty ? nil : job.key.storefront, kind: job.key.kind.rawValue,
                entityID: job.key.entity, at: now)
            signal?.notify(.jobs([job.key.kind]))
            return JobAction(id: id, outcome: .queued, jobID: requeued.jobID)
        case .available, .retryable:
            try await store.expedite(job.key, now: now)
            signal?.notify(.jobs([job.key.kind]))
            return JobAction(id: id, outcome: .dueNow, jobID: id)
        case .running, .completed:
            throw DashboardError(
                .conflict, code: "not_retryable", message: "job \(id) is \(job.state.rawValue): only a dead or waiting job can be retried")
        }
    }

    /// Cancels waiting job `id`: it becomes dead, noting who cancelled it when, and can be retried later.
    public func cancel(id: Int64, now: Date = Date()) async throws -> JobAction {
        let job = try await job(id: id)
        guard job.state.isPending else {
            throw DashboardError(
                .conflict, code: "not_cancellable",
                message: "job \(id) is \(job.state.rawValue): only a job waiting to run (available or retryable) can be cancelled")
        }
        do {
            try await store.cancelJob(id: id, reason: "cancelled from the dashboard at \(StatusReport.format(now))", now: now)
        } catch SyncStoreError.jobNotCancellable(_, let state) {
            throw DashboardError(
                .conflict, code: "not_cancellable", message: "job \(id) became \(state.rawValue) meanwhile; it was left as it is")
        }
        return JobAction(id: id, outcome: .cancelled, jobID: nil)
    }

    private func job(id: Int64) async throws -> Job {
        guard let job = try await store.job(id: id) else {
            throw DashboardError(.notFound, code: "not_found", message: "no job with id \(id)")
        }
        return job
    }
}
