/// What a reindex did, per storefront: the `reindex --json` answer of contract.md.
public struct ReindexReport: Sendable, Codable, Equatable {
    /// True when every storefront finished without failures.
    public var ok: Bool { storefronts.allSatisfy(\.ok) }
    /// One entry per storefront, in the order they were declared.
    public var storefronts: [StorefrontReindexReport]

    /// Creates a report.
    public init(storefronts: [StorefrontReindexReport]) { self.storefronts = storefronts }

    enum CodingKeys: String, CodingKey { case ok, storefronts }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ok, forKey: .ok)
        try container.encode(storefronts, forKey: .storefronts)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        storefronts = try container.decode([StorefrontReindexReport].self, forKey: .storefronts)
    }
}

/// One storefront's reindex counters.
public struct StorefrontReindexReport: Sendable, Codable, Equatable {
    /// Product counters; `seen` counts the products listed in this storefront.
    public struct Products: Sendable, Codable, Equatable {
        public var seen = 0, pushed = 0, unchanged = 0, removed = 0, failed = 0
        public init() {}
    }
    /// Category counters; `seen` counts the storefront's synced categories.
    public struct Categories: Sendable, Codable, Equatable {
        public var seen = 0, pushed = 0, removed = 0, failed = 0
        public init() {}
    }

    /// The storefront's name.
    public var name: String
    /// Product counters.
    public var products = Products()
    /// Category counters.
    public var categories = Categories()
    /// Wall time of this run, seconds.
    public var seconds: Double = 0
    /// True when this run continued an interrupted one.
    public var resumed = false
    /// Whether the product crawl completed (deletions happen only then).
    public var crawlCompleted = false
    /// Human-readable failures; empty when the storefront converged.
    public var failures: [String] = []

    /// Creates an empty report for `name`.
    public init(name: String) { self.name = name }

    /// True when the storefront converged: nothing failed and the crawl completed.
    public var ok: Bool { failures.isEmpty && products.failed == 0 && categories.failed == 0 }

    /// Adds a failure line for documents Clerk refused, pointing at the dead letters.
    mutating func summarizeRefusals() {
        let refused = products.failed + categories.failed
        if refused > 0 {
            failures.append("\(products.failed) product and \(categories.failed) category writes failed; "
                + "their payloads are in the dead letters (`clerkbridge dlq list`)")
        }
    }

    enum CodingKeys: String, CodingKey {
        case name, products, categories, seconds, resumed, failures
        case crawlCompleted = "crawl_completed"
    }
}
