import Foundation
import Reliability
import StorefrontRegistry
import SyncEngine
import SyncStore
import Synchronization

/// Reads the dashboard's overview: the figures of `clerkbridge status` (``StatusReport``), per storefront what its
/// Clerk store holds, how it lags and how its last runs went, the dependencies as `/readyz` sees them, and the last
/// hour's throughput. A handful of indexed queries, so it stays fast on a large queue (BENCHMARKS.md "Dashboard").
///
/// Two figures are kept between reads: the documents Clerk holds (a count of the whole ledger, read again in the
/// background once ``documentsTTL`` passed, the last count answering meanwhile) and the throughput of minutes that
/// are over (only the last two minutes are read each time).
public final class OverviewReader: Sendable {
    /// What answers readiness: the problems `/readyz` would name, empty when ready.
    public typealias Readiness = @Sendable () async -> [String]

    /// The job kinds a webhook causes: their backlog is the webhook lag.
    public static let webhookKinds: Set<JobKind> = [.productSync, .priceRecordSync, .catalogRefresh]
    /// Minutes of throughput the overview covers.
    public static let throughputMinutes = 60
    /// How long a count of the documents held answers before it is read again.
    public static let documentsTTL: TimeInterval = 60

    private struct Kept {
        var documents: (at: Date, counts: [String: [EntityKind: Int]])?
        var recounting = false
        /// Minutes that are over and had activity, by their first second since 1970.
        var minutes: [Int: ActivityMinute] = [:]
        /// Where the minutes read and over end: they need not be read again.
        var settledThrough: Date?
    }

    private let kept = Mutex(Kept())

    let store: any DashboardStorage
    let storefronts: StorefrontRegistry
    let health: DependencyHealth?
    let readiness: Readiness

    /// Creates a reader over `store` for the storefronts of `storefronts`; `health` is this process's view of its
    /// dependencies, `readiness` what `/readyz` answers.
    public init(
        store: any DashboardStorage, storefronts: StorefrontRegistry, health: DependencyHealth?,
        readiness: @escaping Readiness = { [] }
    ) {
        self.store = store
        self.storefronts = storefronts
        self.health = health
        self.readiness = readiness
    }

    /// The overview as of `now`.
    public func overview(now: Date = Date()) async throws -> DashboardOverview {
        let counts = try await store.dashboardCounts()
        let heartbeats = try await WorkerHeartbeat.all(in: store)
        let markets = try await MarketSummary.last(in: store)
        let status = StatusReport(
            counts: counts, heartbeats: heartbeats, runs: try await RunJournal.lastRuns(store: store),
            lastDelivery: try await store.deliveries(limit: 1).first, markets: markets, now: now)
        let runs = try await RunJournal.lastStorefrontRuns(store: store)
        let windowEnd = Self.minuteStart(now).addingTimeInterval(60)
        let windowStart = windowEnd.addingTimeInterval(-Double(Self.throughputMinutes * 60))
        let activity = try await activity(from: windowStart, to: windowEnd)
        let documents = try await documents(now: now)
        let problems = await readiness()
        func age(_ date: Date?) -> Int { date.map { max(0, Int(now.timeIntervalSince($0))) } ?? 0 }

        let standings = storefronts.names.map { name in
            let held = documents[name] ?? [:]
            let waiting = counts.backlog.filter { Self.webhookKinds.contains($0.kind) && ($0.storefront == name || $0.storefront.isEmpty) }
            return DashboardOverview.StorefrontStanding(
                name: name, documents: held.values.reduce(0, +), products: held[.product] ?? 0, categories: held[.category] ?? 0,
                lastReindex: runs[name]?[.reindex].map(DashboardOverview.LastRun.init),
                lastVerify: runs[name]?[.verify].map(DashboardOverview.LastRun.init),
                lastValidate: markets.flatMap { summary in
                    summary.storefronts.first { $0.name == name }.map {
                        DashboardOverview.LastValidation(finishedAt: StatusReport.format(summary.at), ok: $0.problems.isEmpty, problems: $0.problems)
                    }
                },
                lagSeconds: age(waiting.map(\.oldestEnqueuedAt).min()),
                eventLagSeconds: age(counts.eventBacklog[name]?.oldestReceivedAt),
                eventsPending: counts.eventBacklog[name]?.count ?? 0,
                deadLetters: counts.openDeadLetters[name] ?? 0)
        }
        let backlog = Dictionary(grouping: counts.backlog, by: \.kind).map { kind, entries in
            DashboardOverview.Backlog(
                kind: kind.rawValue, count: entries.reduce(0) { $0 + $1.count },
                oldestSeconds: age(entries.map(\.oldestEnqueuedAt).min()))
        }.sorted { $0.kind < $1.kind }
        let byMinute = activity
        let series = (0..<Self.throughputMinutes).map { offset in
            let minute = windowStart.addingTimeInterval(Double(offset * 60))
            let entry = byMinute[Int(minute.timeIntervalSince1970)] ?? ActivityMinute(minute: minute)
            return DashboardOverview.Minute(
                at: StatusReport.format(minute), jobs: entry.jobsCompleted, webhooks: entry.webhooks, events: entry.events,
                deadLetters: entry.deadLetters)
        }
        return DashboardOverview(
            generatedAt: StatusReport.format(now), storefronts: standings,
            queue: DashboardOverview.Queue(
                available: counts.jobs[.available] ?? 0, running: counts.jobs[.running] ?? 0,
                retryable: counts.jobs[.retryable] ?? 0, completed: counts.jobs[.completed] ?? 0, dead: counts.jobs[.dead] ?? 0,
                oldestPendingSeconds: status.oldestPendingSeconds ?? 0, backlog: backlog),
            events: DashboardOverview.Events(
                pending: counts.events[.pending] ?? 0, forwarding: counts.events[.forwarding] ?? 0,
                forwarded: counts.events[.forwarded] ?? 0, dead: counts.events[.dead] ?? 0,
                oldestPendingSeconds: age(counts.eventBacklog.values.map(\.oldestReceivedAt).min())),
            deadLetters: counts.openDeadLetters.values.reduce(0, +), ready: problems.isEmpty, problems: problems,
            dependencies: dependencies(heartbeats: heartbeats, now: now), workers: status.workers,
            lastWebhookAt: status.lastWebhookAt,
            throughput: DashboardOverview.Throughput(minutes: Self.throughputMinutes, series: series))
    }

    /// The activity per minute from `start` to `end`, by each minute's first second: minutes that ended more than a
    /// minute ago as kept, the rest read now (and kept once they are over).
    private func activity(from start: Date, to end: Date) async throws -> [Int: ActivityMinute] {
        let settled = end.addingTimeInterval(-120)
        let (known, settledThrough) = kept.withLock { kept in
            kept.minutes = kept.minutes.filter { Double($0.key) >= start.timeIntervalSince1970 }
            return (kept.minutes, kept.settledThrough)
        }
        let readFrom = max(start, settledThrough ?? start)
        var minutes = known
        for minute in try await store.activity(since: readFrom, until: end) {
            minutes[Int(minute.minute.timeIntervalSince1970)] = minute
        }
        kept.withLock { kept in
            for (key, minute) in minutes where Double(key) < settled.timeIntervalSince1970 { kept.minutes[key] = minute }
            kept.settledThrough = max(settled, readFrom)
        }
        return minutes
    }

    /// The documents held per storefront: the kept count while it is fresh; a stale one answers while it is read
    /// again in the background; none yet is read now.
    private func documents(now: Date) async throws -> [String: [EntityKind: Int]] {
        let (current, recount) = kept.withLock { kept -> ([String: [EntityKind: Int]]?, Bool) in
            guard let documents = kept.documents else { return (nil, false) }
            let stale = now.timeIntervalSince(documents.at) >= Self.documentsTTL && !kept.recounting
            if stale { kept.recounting = true }
            return (documents.counts, stale)
        }
        guard let current else {
            let counts = try await store.heldDocuments()
            kept.withLock { $0.documents = (now, counts) }
            return counts
        }
        if recount {
            Task.detached { [self] in
                let counts = try? await store.heldDocuments()
                self.kept.withLock { kept in
                    if let counts { kept.documents = (Date(), counts) }
                    kept.recounting = false
                }
            }
        }
        return current
    }

    /// Each dependency: down when this process finds it down or a live worker last reported it down; the database
    /// answered, since the overview was read from it.
    private func dependencies(heartbeats: [WorkerHeartbeat], now: Date) -> [DashboardOverview.DependencyState] {
        let reported = heartbeats.filter { $0.isAlive(now: now) }.flatMap(\.outages)
        return Dependency.allCases.map { dependency in
            if case .down(let since, let reason)? = health?.condition(dependency) {
                return .init(
                    name: dependency.rawValue, label: Self.label(dependency), up: false, since: StatusReport.format(since), reason: reason)
            }
            if let outage = reported.first(where: { $0.dependency == dependency.rawValue }) {
                return .init(
                    name: dependency.rawValue, label: Self.label(dependency), up: false, since: StatusReport.format(outage.since),
                    reason: outage.reason)
            }
            return .init(name: dependency.rawValue, label: Self.label(dependency), up: true)
        }
    }

    /// How the dashboard names `dependency` as a heading.
    static func label(_ dependency: Dependency) -> String {
        switch dependency {
        case .bigCommerce: "BigCommerce"
        case .clerk: "Clerk"
        case .database: "Database"
        }
    }

    /// The first second of the minute holding `date`.
    static func minuteStart(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 60).rounded(.down) * 60)
    }
}
