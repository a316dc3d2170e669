import Foundation

/// The figures of the dashboard's overview, as ``DashboardStore/dashboardCounts()`` reads them at one moment.
public struct DashboardCounts: Sendable, Equatable {
    /// Jobs per state; every state is present, with 0 when there is none.
    public var jobs: [JobState: Int]
    /// The earliest `runAt` of the pending jobs: how long the most overdue one has been due.
    public var oldestDueAt: Date?
    /// The jobs not finished yet (pending or running), per kind and storefront.
    public var backlog: [JobBacklog]
    /// Shopper events per state; every state is present.
    public var events: [LoggedEvent.State: Int]
    /// The shopper events not forwarded yet (pending or being forwarded), per storefront.
    public var eventBacklog: [String: EventBacklog]
    /// Unresolved dead letters per storefront; store-wide letters under `""`.
    public var openDeadLetters: [String: Int]

    /// Creates the counts.
    public init(
        jobs: [JobState: Int], oldestDueAt: Date?, backlog: [JobBacklog], events: [LoggedEvent.State: Int],
        eventBacklog: [String: EventBacklog], openDeadLetters: [String: Int]
    ) {
        self.jobs = jobs
        self.oldestDueAt = oldestDueAt
        self.backlog = backlog
        self.events = events
        self.eventBacklog = eventBacklog
        self.openDeadLetters = openDeadLetters
    }
}

/// The unfinished jobs of one kind for one storefront (`""`: store-wide work).
public struct JobBacklog: Sendable, Equatable {
    /// What the jobs do.
    public var kind: JobKind
    /// The storefront, or `""` for store-wide work (a product delta brings every storefront in line).
    public var storefront: String
    /// How many are pending or running.
    public var count: Int
    /// When the oldest of them was first enqueued: the change it carries has waited since then.
    public var oldestEnqueuedAt: Date

    /// Creates a backlog entry.
    public init(kind: JobKind, storefront: String, count: Int, oldestEnqueuedAt: Date) {
        self.kind = kind
        self.storefront = storefront
        self.count = count
        self.oldestEnqueuedAt = oldestEnqueuedAt
    }
}

/// One storefront's shopper events not forwarded to Clerk yet.
public struct EventBacklog: Sendable, Equatable {
    /// How many are pending or being forwarded.
    public var count: Int
    /// When the oldest of them was accepted.
    public var oldestReceivedAt: Date

    /// Creates a backlog entry.
    public init(count: Int, oldestReceivedAt: Date) {
        self.count = count
        self.oldestReceivedAt = oldestReceivedAt
    }
}
