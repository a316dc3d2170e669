import Foundation
import Reliability
import SyncStore

extension DeltaWorker {
    enum ScheduleMarker {
        static let reconcile = "schedule.reconcile"
        static let reindex = "schedule.reindex"
        static let housekeeping = "schedule.housekeeping"
        static let validate = "schedule.validate"
        static let heartbeatPrefix = "worker."
    }

    /// How often old completed jobs and webhook deliveries are purged.
    static let housekeepingInterval: Duration = .seconds(3_600)
    /// How often a worker records that it is alive.
    static let heartbeatInterval: Duration = .seconds(10)

    /// Queues the scheduled work that is due at `now`: the light reconciliation, the full reindex (due
    /// at once when none ever ran), and housekeeping; records this worker's heartbeat. Several workers
    /// may do this at once: queued jobs coalesce per key.
    public func scheduleDueWork(now: Date) async throws {
        try await beat(now: now)
        if let interval = configuration.reconcileInterval,
            try await isDue(ScheduleMarker.reconcile, after: [], interval: interval, now: now)
        {
            try await store.enqueue(BackgroundJob.catalogReconcile.key, payload: Array("schedule".utf8), runAt: now, now: now)
            try await store.setMarker(ScheduleMarker.reconcile, value: [], at: now)
            signal.notify(.jobs([.catalogReconcile]))
        }
        if let interval = configuration.reindexInterval {
            let lastRun = try await RunJournal.lastRuns(store: store)[.reindex]?.finishedAt
            if try await isDue(ScheduleMarker.reindex, after: [lastRun].compactMap { $0 }, interval: interval, now: now) {
                try await store.enqueue(BackgroundJob.reindex(.all).key, payload: Array("schedule".utf8), runAt: now, now: now)
                try await store.setMarker(ScheduleMarker.reindex, value: [], at: now)
                signal.notify(.jobs([.catalogReindex]))
            }
        }
        if validation != nil, let interval = configuration.validateInterval,
            try await isDue(ScheduleMarker.validate, after: [], interval: interval, now: now)
        {
            try await store.enqueue(BackgroundJob.validate.key, payload: Array("schedule".utf8), runAt: now, now: now)
            try await store.setMarker(ScheduleMarker.validate, value: [], at: now)
            signal.notify(.jobs([.marketValidate]))
        }
        try await scheduleCustomerWork(now: now)
        if try await isDue(ScheduleMarker.housekeeping, after: [], interval: Self.housekeepingInterval, now: now) {
            let cutoff = now.addingTimeInterval(-configuration.retention.timeInterval)
            let jobs = try await store.purgeCompleted(before: cutoff)
            let deliveries = try await store.purgeDeliveries(before: cutoff)
            try await store.setMarker(ScheduleMarker.housekeeping, value: [], at: now)
            if jobs + deliveries > 0 {
                logger.info("Purged old records", metadata: ["completed_jobs": "\(jobs)", "webhook_deliveries": "\(deliveries)"])
            }
        }
    }

    /// Due when neither the marker nor any of `after` is within `interval` of `now`.
    func isDue(_ marker: String, after: [Date], interval: Duration, now: Date) async throws -> Bool {
        let last = ([try await store.marker(marker)?.updatedAt].compactMap { $0 } + after).max()
        guard let last else { return true }
        return now.timeIntervalSince(last) >= interval.timeInterval
    }

    func beat(now: Date) async throws {
        let due = stateLastHeartbeat.map { now.timeIntervalSince($0) >= Self.heartbeatInterval.timeInterval } ?? true
        guard due else { return }
        try await store.setMarker(
            ScheduleMarker.heartbeatPrefix + configuration.owner, value: WorkerHeartbeat.value(stopped: false, health: health), at: now)
        stateLastHeartbeat = now
    }
}
