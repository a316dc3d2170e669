/// What `verify` found: contract.md's `verify --json` answer.
public struct VerifyReport: Sendable, Codable, Equatable {
    /// True when every storefront's Clerk store matches the mapping of the catalog.
    public var ok: Bool { storefronts.allSatisfy { $0.differences.isEmpty && $0.failures.isEmpty } }
    /// One entry per storefront.
    public var storefronts: [StorefrontVerifyReport]

    /// Creates a report.
    public init(storefronts: [StorefrontVerifyReport]) { self.storefronts = storefronts }

    enum CodingKeys: String, CodingKey { case ok, storefronts }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ok, forKey: .ok)
        try container.encode(storefronts, forKey: .storefronts)
    }

    public init(from decoder: any Decoder) throws {
        storefronts = try decoder.container(keyedBy: CodingKeys.self).decode([StorefrontVerifyReport].self, forKey: .storefronts)
    }
}

/// One storefront's comparison.
public struct StorefrontVerifyReport: Sendable, Codable, Equatable {
    /// The storefront's name.
    public var name: String
    /// How many documents were compared.
    public var checked = 0
    /// Every document that is not as the mapping says.
    public var differences: [VerifyDifference] = []
    /// Reads that failed, so the comparison is incomplete; and removals the guard refused.
    public var failures: [String] = []
    /// What `--repair` sent and removed before the comparison this report gives; nil without a repair.
    public var repaired: Repaired?

    /// What a repair changed in one storefront's Clerk store.
    public struct Repaired: Sendable, Codable, Equatable {
        /// Documents sent (missing or different).
        public var pushed = 0
        /// Documents removed (unexpected).
        public var removed = 0
        /// Writes or removals Clerk refused (dead-lettered).
        public var failed = 0
    }

    /// Creates an empty report.
    public init(name: String) { self.name = name }
}

/// One document that differs.
public struct VerifyDifference: Sendable, Codable, Equatable {
    /// What is wrong with a document.
    public enum Kind: String, Sendable, Codable {
        /// The mapping expects it; Clerk does not have it.
        case missing
        /// Clerk has it; the mapping does not expect it.
        case unexpected
        /// Both have it; these attributes differ.
        case different
    }

    /// `product` or `category`.
    public var entity: String
    /// The product or category id.
    public var id: Int
    /// What is wrong.
    public var kind: Kind
    /// The attributes that differ (for `different`).
    public var fields: [String]

    /// Creates a difference.
    public init(entity: String, id: Int, kind: Kind, fields: [String] = []) {
        self.entity = entity
        self.id = id
        self.kind = kind
        self.fields = fields
    }
}
