import Foundation
import Reliability
import StorefrontRegistry
import SyncEngine
import SyncStore

/// Reads the dashboard's overview: the figures of `clerkbridge status` (``StatusReport``), per storefront what its
/// Clerk store holds, how it lags and how its last runs went, the dependencies as `/readyz` sees them, and the last
/// hour's throughput. A handful of indexed queries, so it stays fast on a large queue.
public struct OverviewReader: Sendable {
    /// What answers readiness: the problems `/readyz` would name, empty when ready.
    public typealias Readiness = @Sendable () async -> [String]

    /// The job kinds a webhook causes: their backlog is the webhook lag.
    public static let webhookKinds: Set<JobKind> = [.productSync, .priceRecordSync, .catalogRefresh]
    /// Minutes of throughput the overview covers.
    public static let throughputMinutes = 60

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
        let status = StatusReport(
            counts: counts, heartbeats: heartbeats, runs: try await RunJournal.lastRuns(store: store),
            lastDelivery: try await store.deliveries(limit: 1).first, now: now)
        let runs = try await RunJournal.lastStorefrontRuns(store: store)
        let windowEnd = Self.minuteStart(now).addingTimeInterval(60)
        let windowStart = windowEnd.addingTimeInterval(-Double(Self.throughputMinutes * 60))
        let activity = try await store.activity(since: windowStart, until: windowEnd)
        let problems = await readiness()
        func age(_ date: Date?) -> Int { date.map { max(0, Int(now.timeIntervalSince($0))) } ?? 0 }

        let standings = storefronts.names.map { name in
            let held = counts.heldDocuments[name] ?? [:]
            let waiting = counts.backlog.filter { Self.webhookKinds.contains($0.kind) && ($0.storefront == name || $0.storefront.isEmpty) }
            return DashboardOverview.StorefrontStanding(
                name: name, documents: held.values.reduce(0, +), products: held[.product] ?? 0, categories: held[.category] ?? 0,
                lastReindex: runs[name]?[.reindex].map(DashboardOverview.LastRun.init),
                lastVerify: runs[name]?[.verify].map(DashboardOverview.LastRun.init),
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
        let byMinute = Dictionary(uniqueKeysWithValues: activity.map { (Int($0.minute.timeIntervalSince1970), $0) })
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
