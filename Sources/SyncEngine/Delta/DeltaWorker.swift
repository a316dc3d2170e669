import BigCommerceAPI
import ClerkAPI
import Foundation
import Logging
import Synchronization
import SyncStore

/// Runs the queue's catalog jobs: webhook deltas, the scheduled reconciliation and reindex, and (with a
/// ``SaleLogger``) the `order.sync` jobs of the server-side sale logger.
///
/// Two lanes run side by side so a long reindex never holds up deltas: one claims product, price-record,
/// refresh and reconcile jobs (and fires the schedules), the other claims reindex jobs. Every claimed
/// job's lease is extended while it runs; a crashed worker's jobs run again once their lease expires.
/// Failures are retried with full-jitter backoff (a server's `Retry-After` is honoured and not counted),
/// a permanent error or the last attempt makes the job dead and adds a dead letter with its payload.
/// Clerk being unavailable is not the job's fault: such jobs wait out the outage (the backoff grows with
/// the worker's run of outage failures and resets at the next success) without using up attempts.
public final class DeltaWorker: Sendable {
    /// Runs a full reindex of the named storefronts (nil: all) and records it; supplied by the wiring,
    /// which also keeps two reindexes of one database apart.
    public typealias ReindexRun = @Sendable (_ storefronts: [String]?) async throws -> ReindexReport

    /// Job kinds of the delta lane.
    public static let deltaKinds: Set<String> = [
        DeltaJobKind.productSync.rawValue, DeltaJobKind.priceRecordSync.rawValue,
        DeltaJobKind.catalogRefresh.rawValue, DeltaJobKind.catalogReconcile.rawValue,
    ]
    /// The heartbeat value of a worker that stopped.
    public static let stoppedMarker = "stopped"

    /// Job kinds of the reindex lane.
    public static let reindexKinds: Set<String> = [DeltaJobKind.catalogReindex.rawValue]

    private struct State {
        var stopping = false
        var reindexTask: Task<ReindexReport, any Error>?
        var lastHeartbeat: Date?
        /// Consecutive job failures because Clerk was unavailable; the outage backoff grows with it.
        var outageStreak = 0
    }

    let sync: DeltaSync
    let store: any DeltaStorage
    let configuration: WorkerConfiguration
    let signal: WorkSignal
    let reindex: ReindexRun
    let sales: SaleLogger?
    let logger: Logger
    private let state = Mutex(State())

    /// Creates a worker. With `sales`, it also claims and runs `order.sync` jobs in the delta lane; without,
    /// they stay queued for a worker that has one.
    public init(
        sync: DeltaSync, store: any DeltaStorage, configuration: WorkerConfiguration, signal: WorkSignal,
        reindex: @escaping ReindexRun, sales: SaleLogger? = nil, logger: Logger
    ) {
        self.sync = sync
        self.sales = sales
        self.store = store
        self.configuration = configuration
        self.signal = signal
        self.reindex = reindex
        var logger = logger
        logger[metadataKey: "worker"] = "\(configuration.owner)"
        self.logger = logger
    }

    var stateLastHeartbeat: Date? {
        get { state.withLock { $0.lastHeartbeat } }
        set { state.withLock { $0.lastHeartbeat = newValue } }
    }

    /// The kinds this worker's delta lane claims: ``deltaKinds``, plus `order.sync` when it has a sale logger.
    public var deltaLaneKinds: Set<String> {
        sales == nil ? Self.deltaKinds : Self.deltaKinds.union([DeltaJobKind.orderSync.rawValue])
    }

    /// Whether ``stop()`` was called.
    public var isStopping: Bool { state.withLock { $0.stopping } }

    /// Runs both lanes until ``stop()``; jobs already claimed finish first (a running reindex is
    /// interrupted at a checkpoint and its job put back to resume).
    public func run() async {
        logger.info("Worker started", metadata: ["owner": "\(configuration.owner)"])
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.lane(kinds: self.deltaLaneKinds, schedules: true) }
            group.addTask { await self.lane(kinds: Self.reindexKinds, schedules: false) }
        }
        // Readiness and `status` should not count a worker that left as alive for another minute.
        let name = ScheduleMarker.heartbeatPrefix + configuration.owner
        try? await uncancelled { try await self.store.setMarker(name, value: Array(Self.stoppedMarker.utf8), at: Date()) }
        logger.info("Worker drained and stopped")
    }

    /// Asks the worker to finish what it holds and stop claiming.
    public func stop() {
        let task = state.withLock { state in
            state.stopping = true
            return state.reindexTask
        }
        task?.cancel()
        signal.notify()
    }

    private func lane(kinds: Set<String>, schedules: Bool) async {
        while !isStopping, !Task.isCancelled {
            do {
                if schedules { try await scheduleDueWork(now: Date()) }
                if try await runOnce(kinds: kinds) > 0 { continue }
            } catch {
                logger.error("Worker pass failed; trying again after the poll interval", metadata: ["error": "\(error)"])
            }
            if isStopping || Task.isCancelled { break }
            await signal.wait(timeout: configuration.pollInterval)
        }
    }

    // MARK: One pass

    /// Claims the due jobs of `kinds` (all by default), runs them and settles each; returns how many it claimed.
    @discardableResult
    public func runOnce(kinds: Set<String>? = nil, now: Date = Date()) async throws -> Int {
        let jobs = try await store.claim(
            owner: configuration.owner, now: now, lease: configuration.lease, limit: configuration.batchSize,
            kinds: kinds ?? deltaLaneKinds.union(Self.reindexKinds))
        guard !jobs.isEmpty else { return 0 }
        await withHeartbeat(jobs) {
            // Store-wide work first, so product jobs claimed with it map with the refreshed catalog.
            let productKinds: Set<String> = [DeltaJobKind.productSync.rawValue, DeltaJobKind.priceRecordSync.rawValue]
            for job in jobs where !productKinds.contains(job.key.kind) {
                await self.runSingle(job)
            }
            let products = jobs.filter { productKinds.contains($0.key.kind) }
            if !products.isEmpty { await self.runProducts(products) }
        }
        return jobs.count
    }

    /// Keeps the leases of `jobs` (and this worker's heartbeat) while `work` runs.
    private func withHeartbeat(_ jobs: [Job], _ work: @escaping @Sendable () async -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                let interval = self.configuration.lease / 3
                while !Task.isCancelled {
                    do { try await Task.sleep(for: interval) } catch { return }
                    let until = Date().addingTimeInterval(self.configuration.lease.seconds)
                    for job in jobs {
                        try? await self.store.extendLease(id: job.id, owner: self.configuration.owner, until: until)
                    }
                    try? await self.beat(now: Date())
                }
            }
            await work()
            group.cancelAll()
        }
    }

    private func runProducts(_ jobs: [Job]) async {
        var ids = Set<Int>()
        var variants: [(list: Int, variant: Int)] = []
        var runnable: [Job] = []
        for job in jobs {
            switch DeltaJobKind(rawValue: job.key.kind) {
            case .productSync:
                guard let id = Int(job.key.entity) else {
                    await settle([job], error: DeltaJobError.badEntity(job.key))
                    continue
                }
                ids.insert(id)
            default:
                let parts = job.key.entity.split(separator: "/")
                guard parts.count == 2, let list = Int(parts[0]), let variant = Int(parts[1]) else {
                    await settle([job], error: DeltaJobError.badEntity(job.key))
                    continue
                }
                variants.append((list, variant))
            }
            runnable.append(job)
        }
        guard !runnable.isEmpty else { return }
        do {
            var priced: [Int] = []
            for (list, variant) in variants where try await sync.pricesAStorefront(priceListID: list) {
                priced.append(variant)
            }
            ids.formUnion(try await sync.productIDs(ofVariants: priced))
            let report = try await sync.syncProducts(ids: ids.sorted())
            logger.debug("Product deltas applied", metadata: [
                "jobs": "\(runnable.count)", "products": "\(ids.count)", "pushed": "\(report.pushed)",
                "removed": "\(report.removed)", "unchanged": "\(report.unchanged)", "refused": "\(report.refused)",
            ])
            for job in runnable { await complete(job) }
        } catch {
            await settle(runnable, error: error)
        }
    }

    private func runSingle(_ job: Job) async {
        do {
            switch DeltaJobKind(rawValue: job.key.kind) {
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
                try await RunJournal.record(
                    .reconcile, ok: true,
                    summary: "\(modified.count) modified products queued; \(Self.summary(report))", store: store)
            case .catalogReindex:
                guard try await runReindex(job) else { return }
            case .orderSync:
                guard try await runOrder(job) else { return }
            default:
                throw DeltaJobError.badEntity(job.key)
            }
            await complete(job)
        } catch {
            await settle([job], error: error)
        }
    }

    /// Runs a reindex job; false when it was interrupted and put back (nothing more to settle).
    private func runReindex(_ job: Job) async throws -> Bool {
        let storefronts = job.key.entity == "*" ? nil : [job.key.entity]
        let task = Task { try await reindex(storefronts) }
        let stopping = state.withLock { state in
            state.reindexTask = task
            return state.stopping
        }
        if stopping { task.cancel() }
        defer { state.withLock { $0.reindexTask = nil } }
        let report: ReindexReport
        do {
            report = try await task.value
        } catch is CancellationError {
            try await uncancelled { try await self.store.defer(id: job.id, owner: self.configuration.owner, until: Date(), now: Date()) }
            logger.notice("Reindex interrupted by shutdown; it resumes from its checkpoint on the next start")
            return false
        }
        if task.isCancelled {
            try await uncancelled { try await self.store.defer(id: job.id, owner: self.configuration.owner, until: Date(), now: Date()) }
            return false
        }
        let incomplete = report.storefronts.filter { !$0.crawlCompleted }
        guard incomplete.isEmpty else {
            throw DeltaJobError.reindexIncomplete(incomplete.flatMap(\.failures).joined(separator: "; "))
        }
        return true
    }

    /// Runs an `order.sync` job; false when it was put back to wait for the shopper's visitor (nothing more
    /// to settle).
    private func runOrder(_ job: Job) async throws -> Bool {
        guard let sales, let orderID = Int(job.key.entity) else { throw DeltaJobError.badEntity(job.key) }
        let outcome = try await sales.sync(
            orderID: orderID, payload: OrderSyncPayload.decode(job.payload),
            attributionWait: configuration.attributionWait, now: Date())
        guard let until = outcome.waitUntil else { return true }
        // Waiting for attribution is not a failure: no attempt is counted.
        let owner = configuration.owner
        try await uncancelled { try await self.store.defer(id: job.id, owner: owner, until: until, now: Date()) }
        logger.debug("Sale waits for the shopper's visitor", metadata: [
            "job": "\(job.id)", "order": "\(orderID)", "until": "\(until)",
        ])
        return false
    }

    // MARK: Follow-up work

    private func notifyIfQueued(_ report: DeltaSync.RefreshReport) {
        if !report.productIDs.isEmpty || !report.reindex.isEmpty { signal.notify() }
    }

    private func enqueue(products ids: [Int]) async throws {
        guard !ids.isEmpty else { return }
        let now = Date()
        let note = Array("reconciliation".utf8)
        try await store.enqueue(ids.map { (DeltaJobKind.productSync.key(String($0)), note) }, runAt: now, now: now)
    }

    // MARK: Settling

    private func complete(_ job: Job) async {
        state.withLock { $0.outageStreak = 0 }
        do {
            try await uncancelled { try await self.store.complete(id: job.id, owner: self.configuration.owner, now: Date()) }
        } catch {
            logger.warning("Could not mark a job done (its lease was taken over?)", metadata: [
                "job": "\(job.id)", "key": "\(job.key)", "error": "\(error)",
            ])
        }
    }

    /// Runs a queue update even when this task was cancelled (the database layer refuses work in a
    /// cancelled task, and a claimed job must not be left `running` until its lease expires).
    private func uncancelled<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await Task { try await body() }.value
    }

    /// Records the failure of `jobs`, which failed together with `error`.
    ///
    /// A shutdown puts them back at once. A server's `Retry-After` is honoured without counting. An outage
    /// (Clerk or BigCommerce unavailable after the in-job retries, another reindex holding the lock) puts
    /// them back with a backoff that grows with the worker's run of outages, without counting, for up to
    /// `outageGrace` after a job was queued. Anything else is an attempt: retried with backoff when
    /// transient, dead (and dead-lettered) when permanent or at the attempt limit.
    private func settle(_ jobs: [Job], error: any Error) async {
        let now = Date()
        let owner = configuration.owner
        let cancelled = error is CancellationError || Task.isCancelled
        let retryAfter = Self.retryAfter(error)
        let outage = !cancelled && retryAfter == nil && Self.isOutage(error)
        var wait: Duration = .zero
        if let retryAfter {
            wait = retryAfter
        } else if outage {
            let streak = state.withLock { state in
                state.outageStreak += 1
                return state.outageStreak
            }
            wait = configuration.backoff.delay(afterAttempt: streak)
        }
        for job in jobs {
            do {
                let withinGrace = now.timeIntervalSince(job.createdAt) < configuration.outageGrace.seconds
                if cancelled || retryAfter != nil || (outage && withinGrace) {
                    let until = now.addingTimeInterval(wait.seconds)
                    try await uncancelled { try await self.store.defer(id: job.id, owner: owner, until: until, now: now) }
                    continue
                }
                let transient = Self.isTransient(error)
                let retryAt = now.addingTimeInterval(configuration.backoff.delay(afterAttempt: job.attempts + 1).seconds)
                let maxAttempts = configuration.maxAttempts
                let state = try await uncancelled {
                    try await self.store.fail(
                        id: job.id, owner: owner, error: "\(error)", transient: transient, retryAt: retryAt,
                        maxAttempts: maxAttempts, now: now)
                }
                if state == .dead {
                    try await deadLetter(job, error: error, at: now)
                } else {
                    logger.warning("Job failed; retrying later", metadata: [
                        "job": "\(job.id)", "key": "\(job.key)", "attempt": "\(job.attempts + 1)", "error": "\(error)",
                    ])
                }
            } catch {
                logger.warning("Could not record a job's failure; its lease will expire and it runs again", metadata: [
                    "job": "\(job.id)", "error": "\(error)",
                ])
            }
        }
        if outage {
            logger.warning("BigCommerce or Clerk is unavailable; jobs put back until it recovers", metadata: [
                "jobs": "\(jobs.count)", "retry_in_ms": "\(wait.milliseconds)", "error": "\(error)",
            ])
        }
    }

    /// A dead letter for a job that failed for good, with every attempt's error.
    private func deadLetter(_ job: Job, error: any Error, at now: Date) async throws {
        logger.error("Job failed for good; dead-lettered", metadata: [
            "job": "\(job.id)", "key": "\(job.key)", "error": "\(error)",
        ])
        let clerk = Self.clerkError(error)
        let storefront = job.key.storefront.isEmpty ? nil : job.key.storefront
        for attempt in job.history {
            try await store.addDeadLetter(DeadLetterDraft(
                storefront: storefront, kind: job.key.kind, entityID: job.key.entity, requestPayload: job.payload,
                error: attempt.error, attempts: 1), at: attempt.at)
        }
        try await store.addDeadLetter(DeadLetterDraft(
            storefront: storefront, kind: job.key.kind, entityID: job.key.entity,
            requestPayload: clerk?.requestPayload ?? job.payload, responseStatus: clerk?.httpStatus,
            responseBody: clerk?.responseBody, error: "\(error) (job \(job.id), \(job.attempts + 1) attempts)", attempts: 1),
            at: now)
    }

    /// Network trouble, timeouts, 408/429/5xx and Clerk being down are worth another try; a caller's
    /// mistake (other 4xx, refused keys, a mapping failure) is not.
    static func isTransient(_ error: any Error) -> Bool {
        switch error {
        case let error as BigCommerceError: error.isTransient
        case let error as ClerkWriterError:
            if case .unavailable = error { true } else { false }
        case let error as ClerkError: error.isTransient
        case ReindexError.bigCommerce(let error): error.isTransient
        case ReindexError.alreadyRunning: true
        case DeltaJobError.reindexIncomplete: true
        case let error as SaleLoggerError: error.isTransient
        case is SyncStoreError: true
        default: false
        }
    }

    /// Clerk or BigCommerce unreachable or failing after the in-job retries, or another reindex holding
    /// the database: an outage, not this job's problem.
    static func isOutage(_ error: any Error) -> Bool {
        switch error {
        case ClerkWriterError.unavailable: true
        case let error as BigCommerceError: error.isTransient
        case ReindexError.bigCommerce(let error): error.isTransient
        case ReindexError.alreadyRunning, DeltaJobError.reindexIncomplete: true
        default: false
        }
    }

    /// The wait a server asked for, if any.
    static func retryAfter(_ error: any Error) -> Duration? {
        clerkError(error)?.retryAfter
    }

    static func clerkError(_ error: any Error) -> ClerkError? {
        switch error {
        case let error as ClerkError: error
        case ClerkWriterError.unavailable(let error), ClerkWriterError.authentication(let error): error
        default: nil
        }
    }

    static func summary(_ report: DeltaSync.RefreshReport) -> String {
        var parts = ["\(report.categoriesChanged) categories changed", "\(report.productIDs.count) products queued"]
        if !report.reindex.isEmpty { parts.append("reindex queued for \(report.reindex.joined(separator: ", "))") }
        return parts.joined(separator: ", ")
    }
}

/// Why a job cannot run at all.
enum DeltaJobError: Error, CustomStringConvertible {
    /// The job's kind or entity is not one this worker understands.
    case badEntity(JobKey)
    /// The reindex did not complete its crawl (it resumes from its checkpoint).
    case reindexIncomplete(String)

    var description: String {
        switch self {
        case .badEntity(let key): "job \(key) has an entity this worker cannot read"
        case .reindexIncomplete(let failures): "the reindex did not complete: \(failures)"
        }
    }
}
