import BigCommerceAPI
import ClerkAPI
import Foundation
import Logging
import Reliability
import Synchronization
import StorefrontRegistry
import SyncStore

/// Runs the queue's background jobs: webhook deltas, the scheduled reconciliation and reindex, (with a
/// ``SaleLogger``) the `order.sync` jobs of the server-side sale logger, and (with ``CustomerWork``) the order history
/// import, customers and audiences.
///
/// The jobs run on the one ``QueueRunner`` loop (claim under a short renewed lease, settle, back off, wait out
/// outages, dead-letter), in lanes side by side so a long reindex or import never holds up deltas: one claims
/// product, price-record, refresh, reconcile, order and customer jobs, one reindex jobs, and one (with customer work)
/// order imports, customer imports and audience syncs. Another loop queues the scheduled work and records the
/// worker's heartbeat.
public final class DeltaWorker: Sendable {
    /// Runs a full reindex of `scope` and records it; supplied by the wiring, which also keeps two reindexes of
    /// one database apart.
    public typealias ReindexRun = @Sendable (_ scope: ReindexScope) async throws -> ReindexReport
    /// Validates every market and records the result; supplied by the wiring (the shopper services live above
    /// this target).
    public typealias ValidationRun = @Sendable () async throws -> Void

    /// Job kinds of the delta lane.
    public static let deltaKinds: Set<JobKind> = [.productSync, .priceRecordSync, .catalogRefresh, .catalogReconcile]
    /// Job kinds of the reindex lane: the long runs, which must not hold up deltas.
    public static let reindexKinds: Set<JobKind> = [.catalogReindex]
    /// Job kinds of the delta lane that need ``CustomerWork``.
    public static let customerDeltaKinds: Set<JobKind> = [.customerSync, .subscriberSync, .customerReconcile]
    /// Job kinds of the history lane (long runs that checkpoint): imports and audience syncs.
    public static let historyKinds: Set<JobKind> = [.orderImport, .customerImport, .audienceSync]

    private struct State {
        var lifecycle = WorkerLifecycle.idle
        var reindexTask: Task<ReindexReport, any Error>?
        var lastHeartbeat: Date?
        var lanes: [QueueRunner<JobLane>] = []
    }

    let sync: DeltaSync
    let store: any DeltaStorage
    let configuration: WorkerConfiguration
    let signal: WorkSignal
    let reindex: ReindexRun
    let validation: ValidationRun?
    let sales: SaleLogger?
    let customers: CustomerWork?
    let health: DependencyHealth
    let logger: Logger
    private let state = Mutex(State())
    /// Wakes the schedule loop when the worker stops.
    private let stopping = WorkSignal()

    /// Creates a worker. With `sales`, it also claims and runs `order.sync` jobs in the delta lane; without,
    /// they stay queued for a worker that has one. With `validation`, it schedules and runs `market.validate`. Outages are judged from the answers its BigCommerce client
    /// records (share that client's health with the Clerk client).
    public init(
        sync: DeltaSync, store: any DeltaStorage, configuration: WorkerConfiguration, signal: WorkSignal,
        reindex: @escaping ReindexRun, validation: ValidationRun? = nil, sales: SaleLogger? = nil, customers: CustomerWork? = nil,
        logger: Logger
    ) {
        self.validation = validation
        self.sync = sync
        self.sales = sales
        self.customers = customers
        self.store = store
        self.configuration = configuration
        self.signal = signal
        self.reindex = reindex
        self.health = sync.reader.client.health
        var logger = logger
        logger[metadataKey: "worker"] = "\(configuration.owner)"
        self.logger = logger
    }

    var stateLastHeartbeat: Date? {
        get { state.withLock { $0.lastHeartbeat } }
        set { state.withLock { $0.lastHeartbeat = newValue } }
    }

    /// The kinds this worker's delta lane claims: ``deltaKinds``, plus `order.sync` when it has a sale logger and
    /// ``customerDeltaKinds`` when it has ``CustomerWork``.
    public var deltaLaneKinds: Set<JobKind> {
        var kinds = sales == nil ? Self.deltaKinds : Self.deltaKinds.union([.orderSync])
        if customers != nil { kinds.formUnion(Self.customerDeltaKinds) }
        return kinds
    }

    /// The kinds this worker's history lane claims: ``historyKinds`` when it has ``CustomerWork``, else none.
    public var historyLaneKinds: Set<JobKind> {
        customers == nil ? [] : Self.historyKinds
    }

    /// The kinds this worker's reindex lane claims: ``reindexKinds``, plus `market.validate` when it has a
    /// validation.
    public var reindexLaneKinds: Set<JobKind> {
        validation == nil ? Self.reindexKinds : Self.reindexKinds.union([.marketValidate])
    }

    /// Where the worker is in its life.
    public var lifecycle: WorkerLifecycle { state.withLock { $0.lifecycle } }

    /// Whether ``stop()`` was called.
    public var isStopping: Bool { lifecycle == .stopping || lifecycle == .stopped }

    /// Runs both lanes and the schedules until ``stop()``; jobs already claimed finish first (a running reindex
    /// is interrupted at a checkpoint and its job put back to resume).
    public func run() async {
        var lanes = [
            runner(name: "delta", kinds: deltaLaneKinds, topics: WorkerLane.delta.topic),
            runner(name: "reindex", kinds: reindexLaneKinds, topics: WorkerLane.reindex.topic),
        ]
        if !historyLaneKinds.isEmpty {
            lanes.append(runner(name: "history", kinds: historyLaneKinds, topics: WorkerLane.history.topic))
        }
        let started = state.withLock { state in
            guard state.lifecycle == .idle else { return false }
            state.lifecycle = .running
            state.lanes = lanes
            return true
        }
        guard started else { return }
        logger.info("Worker started", metadata: ["owner": "\(configuration.owner)"])
        await withTaskGroup(of: Void.self) { group in
            for lane in lanes { group.addTask { await lane.run() } }
            group.addTask { await self.schedules() }
        }
        // Readiness and `status` should not count a worker that left as alive for another minute.
        let name = ScheduleMarker.heartbeatPrefix + configuration.owner
        let stopped = WorkerHeartbeat.value(stopped: true, health: health)
        try? await Task { try await self.store.setMarker(name, value: stopped, at: Date()) }.value
        state.withLock { $0.lifecycle = .stopped }
        logger.info("Worker drained and stopped")
    }

    /// Asks the worker to finish what it holds and stop claiming.
    public func stop() {
        let (task, lanes) = state.withLock { state in
            if state.lifecycle == .running || state.lifecycle == .idle { state.lifecycle = .stopping }
            return (state.reindexTask, state.lanes)
        }
        task?.cancel()
        for lane in lanes { lane.stop() }
        signal.notify()
        stopping.notify()
    }

    /// Queues the scheduled work and beats until the worker stops.
    private func schedules() async {
        while lifecycle == .running, !Task.isCancelled {
            do {
                try await scheduleDueWork(now: Date())
            } catch {
                logger.error("Could not queue the scheduled work; trying again", metadata: ["error": "\(error)"])
            }
            // Not woken by new work: the schedules are due by time, and a wake per webhook delivery (or, on
            // PostgreSQL, per notification) read every schedule's marker each time.
            await stopping.wait(timeout: configuration.pollInterval)
        }
    }

    // MARK: One pass

    /// Claims the due jobs of `kinds` (all this worker runs by default), runs them and settles each; returns how
    /// many it claimed.
    @discardableResult
    public func runOnce(kinds: Set<JobKind>? = nil, now: Date = Date()) async throws -> Int {
        try await runner(name: "once", kinds: kinds ?? deltaLaneKinds.union(reindexLaneKinds).union(historyLaneKinds)).runOnce(now: now).claimed
    }

    private func runner(name: String, kinds: Set<JobKind>, topics: WorkSignal.Topics = .all) -> QueueRunner<JobLane> {
        QueueRunner(
            name: name, queue: JobLane(store: store, kinds: kinds), configuration: configuration.runner, health: health,
            signal: signal, topics: topics, logger: logger
        ) { batch, settler in
            await self.handle(batch, settler: settler)
        }
    }

    /// Runs a claimed batch: store-wide work first, so product jobs claimed with it map with the refreshed
    /// catalog; product jobs together (read and written as one set).
    private func handle(_ batch: [Job], settler: WorkSettler<Job>) async {
        var products: [(Job, BackgroundJob)] = []
        for job in batch {
            let work: BackgroundJob
            do {
                work = try BackgroundJob(job.key)
            } catch {
                settler.settle(job, .failed(error))
                continue
            }
            switch work {
            case .product, .localizedProduct, .priceRecord: products.append((job, work))
            default: settler.settle(job, await run(work, payload: job.payload))
            }
        }
        guard !products.isEmpty else { return }
        settler.settle(products.map(\.0), await runProducts(products.map(\.1)))
    }

    private func runProducts(_ jobs: [BackgroundJob]) async -> WorkOutcome {
        var ids = Set<Int>()
        var localized: [TranslationLocale: Set<Int>] = [:]
        var variants: [(list: Int, variant: Int)] = []
        for job in jobs {
            switch job {
            case .product(let id): ids.insert(id)
            case .localizedProduct(let id, let locale): localized[locale, default: []].insert(id)
            case .priceRecord(let list, let variant): variants.append((list, variant))
            default: break
            }
        }
        do {
            var priced: [Int] = []
            for (list, variant) in variants where try await sync.pricesAStorefront(priceListID: list) {
                priced.append(variant)
            }
            ids.formUnion(try await sync.productIDs(ofVariants: priced))
            var report = try await sync.syncProducts(ids: ids.sorted())
            // A product synced for every storefront above needs no second, narrower sync.
            for (locale, localeIDs) in localized.sorted(by: { $0.key.description < $1.key.description }) {
                let only = localeIDs.subtracting(ids)
                guard !only.isEmpty else { continue }
                let part = try await sync.syncProducts(ids: only.sorted(), only: locale)
                report.pushed += part.pushed
                report.removed += part.removed
                report.unchanged += part.unchanged
                report.refused += part.refused
            }
            logger.debug("Product deltas applied", metadata: [
                "jobs": "\(jobs.count)", "products": "\(ids.count)", "pushed": "\(report.pushed)",
                "removed": "\(report.removed)", "unchanged": "\(report.unchanged)", "refused": "\(report.refused)",
            ])
            return .done
        } catch {
            return .failed(error)
        }
    }

    private func run(_ job: BackgroundJob, payload: [UInt8]) async -> WorkOutcome {
        do {
            switch job {
            case .catalogRefresh:
                let report = try await sync.refreshCatalog()
                notifyIfQueued(report)
                try await RunJournal.record(.refresh, ok: true, summary: Self.summary(report), store: store)
            case .catalogReconcile:
                let sweepStart = Date()
                let modified = try await sync.modifiedProductIDs(
                    now: sweepStart, overlap: configuration.sweepOverlap, firstLookBack: configuration.firstSweepLookBack)
                try await enqueue(products: modified)
                try await sync.markSwept(to: sweepStart)
                let report = try await sync.refreshCatalog()
                notifyIfQueued(report)
                // The reconciliation's refresh is a refresh too: `status` shows when the store-wide data was last read.
                try await RunJournal.record(.refresh, ok: true, summary: "by the reconciliation: \(Self.summary(report))", store: store)
                try await RunJournal.record(
                    .reconcile, ok: true,
                    summary: "\(modified.count) modified products queued; \(Self.summary(report))", store: store)
            case .reindex(let scope):
                return try await runReindex(scope)
            case .order(let orderID):
                return try await runOrder(orderID, payload: payload)
            case .orderImport, .customerImport, .customerReconcile, .customer, .subscriber, .audience:
                return try await runCustomerWork(job, payload: payload)
            case .validate:
                guard let validation else { return .failed(BackgroundJobError.unreadable(job.key)) }
                try await validation()
            case .product, .localizedProduct, .priceRecord:
                return .failed(BackgroundJobError.unreadable(job.key))
            }
            return .done
        } catch {
            return .failed(error)
        }
    }

    /// Runs a reindex; interrupted by a shutdown, it goes back to the queue to resume from its checkpoint.
    private func runReindex(_ scope: ReindexScope) async throws -> WorkOutcome {
        if case .storefront(let name) = scope, !sync.targets.contains(where: { $0.name == name }) {
            throw BackgroundJobError.unknownStorefront(name, known: sync.targets.map(\.name))
        }
        let task = Task { try await reindex(scope) }
        let stopping = state.withLock { state in
            state.reindexTask = task
            return state.lifecycle == .stopping
        }
        if stopping { task.cancel() }
        defer { state.withLock { $0.reindexTask = nil } }
        let report: ReindexReport
        do {
            report = try await task.value
        } catch is CancellationError {
            logger.notice("Reindex interrupted by shutdown; it resumes from its checkpoint on the next start")
            return .later(Date(), .interrupted)
        }
        if task.isCancelled { return .later(Date(), .interrupted) }
        let incomplete = report.storefronts.filter { !$0.crawlCompleted }
        guard incomplete.isEmpty else {
            throw ReindexError.incomplete(incomplete.flatMap(\.failures).joined(separator: "; "))
        }
        return .done
    }

    /// Runs an `order.sync` job; a sale still waiting for its shopper's visitor goes back to the queue until then,
    /// without an attempt.
    private func runOrder(_ orderID: Int, payload: [UInt8]) async throws -> WorkOutcome {
        guard let sales else { throw BackgroundJobError.unreadable(BackgroundJob.order(orderID).key) }
        let outcome = try await sales.sync(
            orderID: orderID, payload: OrderSyncPayload.decode(payload),
            attributionWait: configuration.attributionWait, now: Date())
        guard let until = outcome.waitUntil else { return .done }
        logger.debug("Sale waits for the shopper's visitor", metadata: ["order": "\(orderID)", "until": "\(until)"])
        return .later(until, .scheduled)
    }

    // MARK: Follow-up work

    private func notifyIfQueued(_ report: DeltaSync.RefreshReport) {
        if !report.productIDs.isEmpty { signal.notify(WorkerLane.delta.topic) }
        if !report.reindex.isEmpty { signal.notify(WorkerLane.reindex.topic) }
    }

    private func enqueue(products ids: [Int]) async throws {
        guard !ids.isEmpty else { return }
        let now = Date()
        let note = Array("reconciliation".utf8)
        try await store.enqueue(ids.map { (BackgroundJob.product($0).key, note) }, runAt: now, now: now)
    }

    static func summary(_ report: DeltaSync.RefreshReport) -> String {
        var parts = ["\(report.categoriesChanged) categories changed", "\(report.productIDs.count) products queued"]
        if !report.reindex.isEmpty { parts.append("reindex queued for \(report.reindex.joined(separator: ", "))") }
        return parts.joined(separator: ", ")
    }
}
