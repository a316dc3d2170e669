/// What `validate` found (contract.md): `{"ok", "storefronts": [{"name", "currency", "locale", "checks":
/// [{"check", "ok", "detail"}]}]}`.
public struct MarketReport: Sendable, Hashable, Encodable {
    /// One check's outcome.
    public struct Check: Sendable, Hashable, Encodable {
        /// What was checked.
        public var check: MarketCheck
        /// Whether it held.
        public var ok: Bool
        /// What was seen: the problems, naming the products, or what held.
        public var detail: String

        /// A check's outcome.
        public init(_ check: MarketCheck, ok: Bool, detail: String) {
            self.check = check
            self.ok = ok
            self.detail = detail
        }

        private enum CodingKeys: String, CodingKey { case check, ok, detail }

        /// Encodes the check by its report name.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(check.name, forKey: .check)
            try c.encode(ok, forKey: .ok)
            try c.encode(detail, forKey: .detail)
        }
    }

    /// One storefront's checks.
    public struct Market: Sendable, Hashable, Encodable {
        /// The storefront.
        public var name: String
        /// Its currency.
        public var currency: String
        /// Its locale.
        public var locale: String
        /// Its checks, in the order they ran.
        public var checks: [Check]

        /// Whether every check held.
        public var ok: Bool { checks.allSatisfy(\.ok) }

        private enum CodingKeys: String, CodingKey { case name, currency, locale, checks }
    }

    /// Every storefront's checks.
    public var storefronts: [Market]

    /// Whether every check of every storefront held.
    public var ok: Bool { storefronts.allSatisfy(\.ok) }

    /// The failed checks, as `storefront: check: detail` lines.
    public var problems: [String] {
        storefronts.flatMap { market in
            market.checks.filter { !$0.ok }.map { "\(market.name): \($0.check.name): \($0.detail)" }
        }
    }

    private enum CodingKeys: String, CodingKey { case ok, storefronts }

    /// Encodes `ok` and the storefronts.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(ok, forKey: .ok)
        try c.encode(storefronts, forKey: .storefronts)
    }
}
