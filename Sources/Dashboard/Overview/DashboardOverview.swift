import Foundation
import SyncEngine

/// `GET /admin/api/overview` (contract.md): each storefront's standing, the queue, the event log, the dead letters,
/// the dependencies as readiness sees them, the workers and the last hour's throughput. Members without a value are
/// left out.
public struct DashboardOverview: Sendable, Encodable, Equatable {
    /// One storefront's standing.
    public struct StorefrontStanding: Sendable, Encodable, Equatable {
        /// The storefront's name.
        public var name: String
        /// Documents its Clerk store holds (products and categories clerkbridge pushed).
        public var documents: Int
        /// Of which products.
        public var products: Int
        /// Of which categories.
        public var categories: Int
        /// Its last reindex.
        public var lastReindex: LastRun?
        /// Its last verification against Clerk.
        public var lastVerify: LastRun?
        /// Its market in the last scheduled `validate`.
        public var lastValidate: LastValidation?
        /// Webhook lag: how long the oldest catalog change not applied yet (its own or store-wide) has waited.
        public var lagSeconds: Int
        /// Event-forwarding lag: how long its oldest shopper event not yet taken by Clerk has waited.
        public var eventLagSeconds: Int
        /// Its shopper events waiting to be forwarded.
        public var eventsPending: Int
        /// Its unresolved dead letters.
        public var deadLetters: Int

        enum CodingKeys: String, CodingKey {
            case name, documents, products, categories
            case lastReindex = "last_reindex", lastVerify = "last_verify", lastValidate = "last_validate", lagSeconds = "lag_seconds"
            case eventLagSeconds = "event_lag_seconds", eventsPending = "events_pending", deadLetters = "dead_letters"
        }
    }

    /// A run's outcome.
    public struct LastRun: Sendable, Encodable, Equatable {
        /// When it finished (RFC 3339).
        public var finishedAt: String
        /// Whether it finished without failures (or, for a verification, found no difference).
        public var ok: Bool
        /// How long it took.
        public var seconds: Double?
        /// What it did, in one line.
        public var summary: String

        /// The run `entry` records.
        public init(_ entry: RunJournal.Entry) {
            finishedAt = StatusReport.format(entry.finishedAt)
            ok = entry.ok
            seconds = entry.seconds
            summary = entry.summary
        }

        enum CodingKeys: String, CodingKey { case ok, seconds, summary, finishedAt = "finished_at" }
    }

    /// A storefront's market in the last scheduled `validate` (the `market.validate` job).
    public struct LastValidation: Sendable, Encodable, Equatable {
        /// When it ran (RFC 3339).
        public var finishedAt: String
        /// Whether every check of the market passed.
        public var ok: Bool
        /// Its failed checks, as `check: detail`.
        public var problems: [String]

        enum CodingKeys: String, CodingKey { case ok, problems, finishedAt = "finished_at" }
    }

    /// The job queue.
    public struct Queue: Sendable, Encodable, Equatable {
        /// Jobs per state.
        public var available, running, retryable, completed, dead: Int
        /// How long the most overdue pending job has been due; 0 when nothing is due.
        public var oldestPendingSeconds: Int
        /// Unfinished jobs per kind, with how long the oldest has waited.
        public var backlog: [Backlog]

        enum CodingKeys: String, CodingKey {
            case available, running, retryable, completed, dead, backlog
            case oldestPendingSeconds = "oldest_pending_seconds"
        }
    }

    /// Unfinished jobs of one kind.
    public struct Backlog: Sendable, Encodable, Equatable {
        /// The job kind, e.g. `product.sync`.
        public var kind: String
        /// How many are pending or running.
        public var count: Int
        /// How long the oldest has waited since it was enqueued.
        public var oldestSeconds: Int

        enum CodingKeys: String, CodingKey { case kind, count, oldestSeconds = "oldest_seconds" }
    }

    /// The shopper-event log.
    public struct Events: Sendable, Encodable, Equatable {
        /// Events per state.
        public var pending, forwarding, forwarded, dead: Int
        /// How long the oldest event not taken by Clerk yet has waited; 0 when none waits.
        public var oldestPendingSeconds: Int

        enum CodingKeys: String, CodingKey {
            case pending, forwarding, forwarded, dead
            case oldestPendingSeconds = "oldest_pending_seconds"
        }
    }

    /// A dependency as readiness sees it.
    public struct DependencyState: Sendable, Encodable, Equatable {
        /// `bigcommerce`, `clerk` or `database`.
        public var name: String
        /// How operators name it.
        public var label: String
        /// Whether it answers.
        public var up: Bool
        /// Since when it is down (RFC 3339).
        public var since: String?
        /// The error that showed it down.
        public var reason: String?
    }

    /// Activity per minute, oldest first, one entry per minute of the window.
    public struct Throughput: Sendable, Encodable, Equatable {
        /// Minutes covered.
        public var minutes: Int
        /// Per minute: its first second (RFC 3339) and what happened in it.
        public var series: [Minute]
    }

    /// One minute of ``Throughput``.
    public struct Minute: Sendable, Encodable, Equatable {
        /// The minute's first second (RFC 3339).
        public var at: String
        /// Jobs completed, webhook deliveries accepted, shopper events accepted, dead-letter failures recorded.
        public var jobs, webhooks, events, deadLetters: Int

        enum CodingKeys: String, CodingKey { case at, jobs, webhooks, events, deadLetters = "dead_letters" }
    }

    /// When the overview was read (RFC 3339).
    public var generatedAt: String
    /// Every declared storefront, in order.
    public var storefronts: [StorefrontStanding]
    /// The job queue.
    public var queue: Queue
    /// The shopper-event log.
    public var events: Events
    /// Unresolved dead letters, all storefronts and store-wide ones together.
    public var deadLetters: Int
    /// Whether `/readyz` answers 200.
    public var ready: Bool
    /// What `/readyz` names as standing in the way.
    public var problems: [String]
    /// BigCommerce, Clerk and the database.
    public var dependencies: [DependencyState]
    /// The workers that ever reported.
    public var workers: [StatusReport.Worker]
    /// When the latest webhook delivery was accepted (RFC 3339).
    public var lastWebhookAt: String?
    /// The last hour per minute.
    public var throughput: Throughput

    enum CodingKeys: String, CodingKey {
        case storefronts, queue, events, ready, problems, dependencies, workers, throughput
        case generatedAt = "generated_at", deadLetters = "dead_letters", lastWebhookAt = "last_webhook_at"
    }
}
