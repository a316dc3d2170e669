import Foundation
import SyncStore

/// The state of the queue, the workers, the last runs and the dead letters, from the database alone: what
/// `clerkbridge status --json` prints and what the dashboard's overview starts from.
public struct StatusReport: Sendable, Encodable, Equatable {
    /// A worker as its heartbeat shows it.
    public struct Worker: Sendable, Encodable, Equatable {
        /// Its lease owner name.
        public var owner: String
        /// When it last reported (RFC 3339).
        public var lastSeen: String
        /// How long ago that was.
        public var secondsAgo: Int
        /// Whether it said it stopped.
        public var stopped: Bool
        /// The dependencies it found down when it last reported.
        public var outages: [Outage]

        enum CodingKeys: String, CodingKey { case owner, stopped, outages, lastSeen = "last_seen", secondsAgo = "seconds_ago" }
    }

    /// A dependency a worker found down.
    public struct Outage: Sendable, Encodable, Equatable {
        /// `bigcommerce`, `clerk` or `database`.
        public var dependency: String
        /// Since when (RFC 3339).
        public var since: String
        /// The error that showed it.
        public var reason: String
    }

    /// The last run of one kind.
    public struct Run: Sendable, Encodable, Equatable {
        /// Whether it finished without failures.
        public var ok: Bool
        /// What it did, in one line.
        public var summary: String
        /// When it finished (RFC 3339).
        public var finishedAt: String
        /// How long it took, when measured.
        public var seconds: Double?

        /// The run `entry` records.
        public init(_ entry: RunJournal.Entry) {
            ok = entry.ok
            summary = entry.summary
            finishedAt = StatusReport.format(entry.finishedAt)
            seconds = entry.seconds
        }

        enum CodingKeys: String, CodingKey { case ok, summary, seconds, finishedAt = "finished_at" }
    }

    /// Jobs per state (`available`, `running`, `retryable`, `completed`, `dead`).
    public var queue: [String: Int]
    /// How long the most overdue pending job has been due.
    public var oldestPendingSeconds: Int?
    /// Every worker that ever reported.
    public var workers: [Worker]
    /// The last store-wide run per kind (`reindex`, `reconcile`, `refresh`, `verify`).
    public var lastRuns: [String: Run]
    /// Unresolved dead letters per storefront (`*` for store-wide ones).
    public var deadLetters: [String: Int]
    /// When the latest webhook delivery was accepted.
    public var lastWebhookAt: String?
    /// Shopper events in the event log by state (`pending`, `forwarding`, `forwarded`, `dead`).
    public var events: [String: Int]
    /// The last scheduled `validate`: when, and each storefront's problems.
    public var markets: Markets?

    /// The last scheduled market validation.
    public struct Markets: Sendable, Encodable, Equatable {
        /// When it ran (RFC 3339).
        public var validatedAt: String
        /// Whether every market was correct.
        public var ok: Bool
        /// Each storefront's failed checks (only storefronts with problems).
        public var problems: [String: [String]]

        /// The brief of `summary`.
        public init(_ summary: MarketSummary) {
            validatedAt = StatusReport.format(summary.at)
            ok = summary.ok
            problems = Dictionary(uniqueKeysWithValues: summary.storefronts.filter { !$0.problems.isEmpty }.map { ($0.name, $0.problems) })
        }

        enum CodingKeys: String, CodingKey {
            case ok, problems
            case validatedAt = "validated_at"
        }
    }

    enum CodingKeys: String, CodingKey {
        case queue, workers, events, markets
        case oldestPendingSeconds = "oldest_pending_seconds", lastRuns = "last_runs", deadLetters = "dead_letters"
        case lastWebhookAt = "last_webhook_at"
    }

    /// The report of `counts`, `heartbeats`, the store-wide `runs`, the latest delivery and the last market
    /// validation, with ages as of `now`.
    public init(
        counts: DashboardCounts, heartbeats: [WorkerHeartbeat], runs: [RunJournal.Kind: RunJournal.Entry],
        lastDelivery: StoredWebhookDelivery?, markets: MarketSummary? = nil, now: Date
    ) {
        queue = Dictionary(uniqueKeysWithValues: counts.jobs.map { ($0.key.rawValue, $0.value) })
        oldestPendingSeconds = counts.oldestDueAt.map { max(0, Int(now.timeIntervalSince($0))) }
        workers = heartbeats.map {
            Worker(
                owner: $0.owner, lastSeen: Self.format($0.lastSeen), secondsAgo: max(0, Int(now.timeIntervalSince($0.lastSeen))),
                stopped: $0.stopped,
                outages: $0.outages.map { Outage(dependency: $0.dependency, since: Self.format($0.since), reason: $0.reason) })
        }
        lastRuns = Dictionary(uniqueKeysWithValues: runs.map { ($0.key.rawValue, Run($0.value)) })
        deadLetters = Dictionary(uniqueKeysWithValues: counts.openDeadLetters.map { ($0.key.isEmpty ? "*" : $0.key, $0.value) })
        lastWebhookAt = lastDelivery.map { Self.format($0.receivedAt) }
        events = Dictionary(uniqueKeysWithValues: counts.events.map { ($0.key.rawValue, $0.value) })
        self.markets = markets.map(Markets.init)
    }

    /// Reads the report from `store`; `now` is the reference for ages.
    public static func read(from store: any JobQueue & SyncMarkers & WebhookInbox & DashboardStore, now: Date) async throws -> StatusReport {
        StatusReport(
            counts: try await store.dashboardCounts(), heartbeats: try await WorkerHeartbeat.all(in: store),
            runs: try await RunJournal.lastRuns(store: store), lastDelivery: try await store.deliveries(limit: 1).first,
            markets: try await MarketSummary.last(in: store), now: now)
    }

    /// How the report writes a time: RFC 3339 in UTC, to the second.
    public static func format(_ date: Date) -> String { date.formatted(.iso8601) }
}
