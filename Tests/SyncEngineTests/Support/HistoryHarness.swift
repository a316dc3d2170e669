import Foundation
import Reliability
import Sandbox
import StorefrontRegistry
import SyncEngine
import SyncStore
import Testing

extension Harness {
    /// The order history import, customer sync and audience sync over the sandbox for `targets`.
    func customerWork(_ targets: [ResolvedStorefront], audiences: [AudienceMapping] = []) -> CustomerWork {
        let sync = deltaSync(targets)
        return CustomerWork(
            orders: OrderHistoryImport(sync: sync, writer: writer, store: store, logger: logger),
            customers: CustomerSync(client: bigCommerce, writer: writer, store: store, targets: targets, logger: logger),
            audiences: AudienceSync(client: bigCommerce, clerk: clerk, targets: targets, audiences: audiences, store: store, logger: logger),
            importOnFirstStart: false, audienceInterval: nil)
    }

    /// A worker that runs the history, customer and audience jobs (and the sale logger's), with test timings.
    func historyWorker(_ targets: [ResolvedStorefront], audiences: [AudienceMapping] = [], maxAttempts: Int = 3) -> DeltaWorker {
        let configuration = WorkerConfiguration(
            owner: "history-worker", lease: .seconds(30), batchSize: 100, maxAttempts: maxAttempts,
            backoff: RetryPolicy(base: .milliseconds(1), cap: .milliseconds(5)), pollInterval: .milliseconds(20),
            reconcileInterval: nil, reindexInterval: nil, outageGrace: .zero, attributionWait: .zero)
        let sync = deltaSync(targets)
        return DeltaWorker(
            sync: sync, store: store, configuration: configuration, signal: WorkSignal(),
            reindex: { _ in throw CancellationError() },
            sales: SaleLogger(sync: sync, clerk: clerk, ledger: store, attribution: store, logger: logger),
            customers: customerWork(targets, audiences: audiences), logger: logger)
    }

    /// Queues `job` (with `payload`) and runs the worker until the queue is drained; returns the job's final record.
    @discardableResult
    func run(_ job: BackgroundJob, payload: [UInt8] = [], on worker: DeltaWorker) async throws -> Job? {
        let outcome = try await store.enqueue(job.key, payload: payload, runAt: Date(), now: Date())
        // An import of hundreds of orders shares the two cores with the whole suite: a deadline, not a measure.
        try await drain(worker, timeout: .seconds(120))
        return try await store.job(id: outcome.jobID)
    }

    /// The orders each of `targets`' Clerk stores holds, by storefront name.
    func clerkOrders(_ targets: [ResolvedStorefront]) -> [String: [String: [UInt8]]] {
        Dictionary(uniqueKeysWithValues: targets.map { ($0.name, sandbox.clerkStorage.orders(publicKey: $0.clerkKeys.publicKey)) })
    }
}
