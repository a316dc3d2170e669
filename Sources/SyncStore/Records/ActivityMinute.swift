import Foundation

/// What happened in one minute (UTC, from its first second): the dashboard's throughput chart.
public struct ActivityMinute: Sendable, Equatable {
    /// The minute's first second.
    public var minute: Date
    /// Jobs completed in it.
    public var jobsCompleted: Int
    /// Webhook deliveries accepted in it.
    public var webhooks: Int
    /// Shopper events accepted in it.
    public var events: Int
    /// Dead-letter failures recorded in it (a letter failing again counts in its latest minute).
    public var deadLetters: Int

    /// Creates a minute.
    public init(minute: Date, jobsCompleted: Int = 0, webhooks: Int = 0, events: Int = 0, deadLetters: Int = 0) {
        self.minute = minute
        self.jobsCompleted = jobsCompleted
        self.webhooks = webhooks
        self.events = events
        self.deadLetters = deadLetters
    }
}
