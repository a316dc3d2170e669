import Foundation

/// What a customer import or sync did for one storefront.
public struct CustomerCounts: Sendable, Codable, Equatable {
    /// Customers that belong to the storefront's Clerk store.
    public var seen = 0
    /// Customer documents sent (new or changed).
    public var sent = 0
    /// Customer documents Clerk already holds as they are.
    public var unchanged = 0
    /// Customers removed from the Clerk store (deleted in BigCommerce, moved off the channel, or erased).
    public var removed = 0
    /// Customers Clerk refused to take or to remove (dead-lettered).
    public var failed = 0

    /// Zero counts.
    public init() {}

    static func + (left: CustomerCounts, right: CustomerCounts) -> CustomerCounts {
        var sum = left
        sum.seen += right.seen
        sum.sent += right.sent
        sum.unchanged += right.unchanged
        sum.removed += right.removed
        sum.failed += right.failed
        return sum
    }
}

/// What a full customer import did.
public struct CustomerImportReport: Sendable, Codable, Equatable {
    /// Counts per storefront name.
    public var storefronts: [String: CustomerCounts]
    /// Customers read from BigCommerce.
    public var customers: Int
    /// When it finished.
    public var finishedAt: Date
    /// How long it took, in seconds (over every run of a resumed import).
    public var seconds: Double

    /// Whether nothing failed.
    public var ok: Bool { storefronts.values.allSatisfy { $0.failed == 0 } }

    /// The counts over every storefront.
    public var total: CustomerCounts { storefronts.values.reduce(CustomerCounts(), +) }
}

/// Where an interrupted customer import resumes.
struct CustomerImportCheckpoint: Codable, Equatable {
    /// The run's id (the ledger's seen marks).
    var run: String
    /// The cursor of the next page; nil before the first.
    var cursor: String?
    /// Customers read so far.
    var customers: Int
    /// Counts so far per storefront.
    var counts: [String: CustomerCounts]
    /// When the run started.
    var startedAt: Date
    /// Seconds spent in earlier runs.
    var seconds: Double
}
