import Foundation

/// What the order history import did for one storefront.
public struct OrderImportCounts: Sendable, Codable, Equatable {
    /// Orders of the window that belong to the storefront.
    public var seen = 0
    /// Orders sent to Clerk (new, or changed since they were sent).
    public var sent = 0
    /// Orders Clerk already holds as they are (sent before, or logged by the live sale logger).
    public var unchanged = 0
    /// Orders that are not sent: never a sale (Incomplete, Declined), no product line, or the shopper was erased.
    public var skipped = 0
    /// Orders Clerk refused (dead-lettered with their payload).
    public var failed = 0

    /// Zero counts.
    public init() {}

    static func + (left: OrderImportCounts, right: OrderImportCounts) -> OrderImportCounts {
        var sum = left
        sum.seen += right.seen
        sum.sent += right.sent
        sum.unchanged += right.unchanged
        sum.skipped += right.skipped
        sum.failed += right.failed
        return sum
    }
}

/// What an order history import did: per storefront counts, the window and when it finished.
public struct OrderImportReport: Sendable, Codable, Equatable {
    /// The import's scope: a storefront's name, or `*`.
    public var scope: String
    /// Orders created since this time were imported.
    public var since: Date
    /// Counts per storefront name.
    public var storefronts: [String: OrderImportCounts]
    /// When it finished.
    public var finishedAt: Date
    /// How long it took, in seconds (over every run of a resumed import).
    public var seconds: Double

    /// Whether no order failed.
    public var ok: Bool { storefronts.values.allSatisfy { $0.failed == 0 } }

    /// The counts over every storefront.
    public var total: OrderImportCounts { storefronts.values.reduce(OrderImportCounts(), +) }
}

/// How far an order history import is, after each page.
public struct OrderImportProgress: Sendable, Equatable {
    /// Pages read in this run.
    public var pages: Int
    /// Orders read in this run.
    public var orders: Int
    /// The highest order id done.
    public var lastOrderID: Int
    /// The counts so far (over the resumed runs too).
    public var total: OrderImportCounts
}

/// Where an interrupted order history import resumes (a marker per scope).
struct OrderImportCheckpoint: Codable, Equatable {
    /// The run's id.
    var run: String
    /// The window's start.
    var since: Date
    /// The window's end, if it has one.
    var until: Date?
    /// The highest order id done.
    var lastID: Int
    /// Counts so far per storefront.
    var counts: [String: OrderImportCounts]
    /// When the run started.
    var startedAt: Date
    /// Seconds spent in earlier runs.
    var seconds: Double
}
