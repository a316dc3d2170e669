import Foundation
import MarketValidation
import Reliability
import ServiceLifecycle
import Storefront
import StorefrontRegistry
import SyncEngine
import SyncStore

/// Wires the delta worker for `serve` and `worker`: its clients, storage, schedules, the sale logger and the
/// reindex it runs under the same lock as `clerkbridge reindex` (the database's, per storefront on PostgreSQL).
enum BackgroundWork {
    /// In-place retries inside one job stay short; the queue's backoff takes over after them.
    static let inJobRetry = RetryPolicy(base: .milliseconds(250), cap: .seconds(5), maxAttempts: 3)

    /// The worker configuration from the settings.
    static func configuration(_ settings: Settings) -> WorkerConfiguration {
        WorkerConfiguration(
            reconcileInterval: settings.reconcileInterval, reindexInterval: settings.reindexInterval,
            validateInterval: settings.validateInterval)
    }

    /// A worker over `runtime` for `targets`; its scheduled validation gives Clerk `budgets` (what `serve` gives it,
    /// but for tests on a loaded machine).
    static func worker(
        runtime: Runtime, targets: [ResolvedStorefront], signal: WorkSignal,
        configuration: WorkerConfiguration, budgets: ClerkBudgets = .production
    ) -> DeltaWorker {
        let sync = DeltaSync(
            reader: runtime.reader(), writer: runtime.writer(), store: runtime.store, targets: targets,
            removalGuard: RemovalGuard(maxFraction: runtime.settings.maxRemovalFraction), logger: runtime.logger)
        let sales = SaleLogger(
            sync: sync, clerk: runtime.clerk, ledger: runtime.store, attribution: runtime.store, logger: runtime.logger)
        let customers = customerWork(runtime: runtime, sync: sync, targets: targets)
        return DeltaWorker(
            sync: sync, store: runtime.store, configuration: configuration, signal: signal,
            reindex: { scope in
                let selected = switch scope {
                case .all: targets
                case .storefront(let name): targets.filter { $0.name == name }
                }
                let lease: ReindexLease
                do {
                    lease = try await runtime.store.lockReindex(storefronts: selected.map(\.name), owner: configuration.owner)
                } catch let error as SyncStoreError {
                    guard case .reindexRunning = error else { throw error }
                    throw ReindexError.alreadyRunning(error.description)
                }
                // The reindex keeps the patient retries of `clerkbridge reindex`: one page failing three quick
                // tries would otherwise end a million-product crawl.
                let reindexer = Reindexer(
                    reader: runtime.reader(retry: RetryPolicy()), writer: runtime.writer(retry: RetryPolicy()),
                    store: runtime.store,
                    options: runtime.reindexOptions(),
                    logger: runtime.logger)
                do {
                    let report = try await reindexer.run(selected)
                    try await ReindexCommand.record(report, store: runtime.store)
                    await lease.release()
                    return report
                } catch {
                    await lease.release()
                    throw error
                }
            },
            validation: {
                let report = try await ValidateCommand.validate(runtime: runtime, storefront: nil, budgets: budgets)
                try await MarketSummary(report, at: Date()).save(to: runtime.store)
                for problem in report.problems {
                    runtime.logger.warning("Market validation found a problem", metadata: ["problem": "\(problem)"])
                }
            },
            sales: sales, customers: customers, logger: runtime.logger)
    }

    /// The order history import, customer sync and audience syncs for the storefronts of `sync`, as the settings
    /// schedule them.
    static func customerWork(
        runtime: Runtime, sync: DeltaSync, targets: [ResolvedStorefront], progress: (@Sendable (String) -> Void)? = nil
    ) -> CustomerWork {
        let writer = runtime.writer()
        var work = CustomerWork(
            orders: OrderHistoryImport(sync: sync, writer: writer, store: runtime.store, logger: runtime.logger),
            customers: CustomerSync(
                client: runtime.bigCommerce, writer: writer, store: runtime.store, targets: targets, logger: runtime.logger),
            audiences: AudienceSync(
                client: runtime.bigCommerce, clerk: runtime.clerk, targets: targets, audiences: runtime.settings.audiences,
                store: runtime.store, logger: runtime.logger),
            importOnFirstStart: runtime.settings.importHistoryOnStart, audienceInterval: runtime.settings.audienceInterval)
        work.progress = progress
        return work
    }
}

extension BackgroundWork {
    /// Queues a storefront purchase for the sale logger, which reads the order from BigCommerce and logs it once.
    static func purchaseHandoff(runtime: Runtime, signal: WorkSignal) -> @Sendable (Int, String) async throws -> Void {
        { orderID, _ in
            let key = BackgroundJob.order(orderID).key
            let now = Date()
            _ = try await runtime.store.enqueue([(key, OrderSyncPayload(source: .purchaseEvent).encoded())], runAt: now, now: now)
            // A sale already waiting for its visitor has one now: run it without waiting out the attribution wait.
            try await runtime.store.expedite(key, now: now)
            signal.notify(.jobs([.orderSync]))
        }
    }
}

/// The worker as a swift-service-lifecycle service: graceful shutdown lets it finish what it holds.
///
/// The worker is built when the service runs (`makeWorker`), so `serve` accepts webhooks while the
/// storefronts cannot be resolved yet (BigCommerce or Clerk unreachable at start-up).
struct WorkerService: Service {
    let makeWorker: @Sendable () async throws -> DeltaWorker

    init(worker: DeltaWorker) {
        makeWorker = { worker }
    }

    init(makeWorker: @escaping @Sendable () async throws -> DeltaWorker) {
        self.makeWorker = makeWorker
    }

    func run() async throws {
        let worker: DeltaWorker
        do {
            worker = try await cancelWhenGracefulShutdown { try await makeWorker() }
        } catch is CancellationError {
            return
        }
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await worker.run()
            } onGracefulShutdown: {
                worker.stop()
            }
        } onCancel: {
            worker.stop()
        }
    }
}
