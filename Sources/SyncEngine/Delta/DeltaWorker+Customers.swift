import Foundation
import Reliability
import SyncStore

/// The order history, customer and audience jobs of a worker with ``CustomerWork``, and their schedules.
extension DeltaWorker {
    enum CustomerScheduleMarker {
        static let historyPrefix = "schedule.history."
        static let firstCustomerImport = "schedule.first_customer_import"
        static let customerImport = "schedule.customer_import"
        static let customerSweep = "schedule.customer_sweep"
        static let audiences = "schedule.audiences"
    }

    /// Runs an import, customer or audience job.
    func runCustomerWork(_ job: BackgroundJob, payload: [UInt8]) async throws -> WorkOutcome {
        guard let work = customers else { throw BackgroundJobError.notRunHere(job.key) }
        switch job {
        case .orderImport(let scope):
            let request = MarkerValue.decode(OrderImportPayload.self, from: payload) ?? OrderImportPayload()
            var progress: (@Sendable (OrderImportProgress) -> Void)?
            if let say = work.progress {
                progress = { step in
                    say("orders: \(step.orders) read (to order \(step.lastOrderID)), \(step.total.sent) sent, \(step.total.unchanged) unchanged")
                }
            }
            let report = try await work.orders.run(
                scope: scope, since: request.since, until: request.until, shouldStop: { [weak self] in self?.isStopping ?? true },
                progress: progress)
            return report == nil ? .later(Date(), .interrupted) : .done
        case .customerImport:
            var progress: (@Sendable (Int) -> Void)?
            if let say = work.progress { progress = { count in say("customers: \(count) read") } }
            let report = try await work.customers.importAll(shouldStop: { [weak self] in self?.isStopping ?? true }, progress: progress)
            return report == nil ? .later(Date(), .interrupted) : .done
        case .customerReconcile:
            try await work.customers.reconcile()
        case .customer(let id):
            try await work.customers.sync(customerID: id)
        case .subscriber(let id):
            try await work.customers.sync(subscriberID: id)
        case .audience(let storefront, let id):
            let mappings = work.audiences.audiences(storefront: storefront, id: id)
            guard !mappings.isEmpty else { throw BackgroundJobError.unknownAudience(storefront: storefront, id: id) }
            for mapping in mappings { _ = try await work.audiences.sync(mapping) }
        default:
            throw BackgroundJobError.unreadable(job.key)
        }
        return .done
    }

    /// Queues the history imports the first start calls for, the daily customer import and the customer sweep once
    /// customers were imported, and the audience syncs when their interval passed.
    func scheduleCustomerWork(now: Date) async throws {
        guard let work = customers else { return }
        var queued: [(JobKey, [UInt8])] = []
        let note = Array("schedule".utf8)
        if work.importOnFirstStart {
            for target in sync.targets {
                let marker = CustomerScheduleMarker.historyPrefix + target.name
                guard try await store.marker(marker) == nil else { continue }
                if try await !work.orders.hasImported(storefront: target.name) {
                    // The history ends where this worker's live sale logger begins.
                    queued.append((BackgroundJob.orderImport(.storefront(target.name)).key, OrderImportPayload(until: now).encoded()))
                }
                try await store.setMarker(marker, value: [], at: now)
            }
        }
        let customersImported = try await work.customers.hasImported()
        if customersImported {
            // The full import also removes customers whose deletion no webhook reported.
            if try await isDue(CustomerScheduleMarker.customerImport, after: [], interval: configuration.reindexInterval ?? .seconds(86_400), now: now) {
                queued.append((BackgroundJob.customerImport.key, note))
                try await store.setMarker(CustomerScheduleMarker.customerImport, value: [], at: now)
            }
        } else if work.importOnFirstStart, try await store.marker(CustomerScheduleMarker.firstCustomerImport) == nil {
            queued.append((BackgroundJob.customerImport.key, note))
            try await store.setMarker(CustomerScheduleMarker.firstCustomerImport, value: [], at: now)
            try await store.setMarker(CustomerScheduleMarker.customerImport, value: [], at: now)
        }
        if customersImported, let interval = configuration.reconcileInterval,
            try await isDue(CustomerScheduleMarker.customerSweep, after: [], interval: interval, now: now)
        {
            queued.append((BackgroundJob.customerReconcile.key, note))
            try await store.setMarker(CustomerScheduleMarker.customerSweep, value: [], at: now)
        }
        if let interval = work.audienceInterval, !work.audiences.audiences.isEmpty,
            try await isDue(CustomerScheduleMarker.audiences, after: [], interval: interval, now: now)
        {
            var seen = Set<JobKey>()
            for audience in work.audiences.audiences {
                let key = BackgroundJob.audience(storefront: audience.storefront, id: audience.clerkAudienceID).key
                if seen.insert(key).inserted { queued.append((key, note)) }
            }
            try await store.setMarker(CustomerScheduleMarker.audiences, value: [], at: now)
        }
        guard !queued.isEmpty else { return }
        try await store.enqueue(queued, runAt: now, now: now)
        signal.notify(.jobs(queued.map(\.0.kind)))
    }
}

/// What an `order.import` job carries: the window's start, when one was asked for (`import orders --since`), and
/// its end (the import a first start queues ends when that worker started).
public struct OrderImportPayload: Sendable, Codable, Hashable {
    /// Orders created since this time; nil: the checkpoint's window, else the last 24 months.
    public var since: Date?
    /// Orders created up to this time; nil: up to now.
    public var until: Date?

    /// Creates a payload.
    public init(since: Date? = nil, until: Date? = nil) {
        self.since = since
        self.until = until
    }

    /// The JSON bytes to enqueue.
    public func encoded() -> [UInt8] { MarkerValue.encode(self) }
}
