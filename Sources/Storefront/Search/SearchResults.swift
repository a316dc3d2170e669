import CatalogMapping
import Foundation

/// The answer of `GET /v1/search` (contract.md): `{"query","total","page","limit","sort","currency","items":
/// [card],"facets":[{"attribute","name","type","values"}]}`; `query` is omitted when none was given.
public struct SearchResults: Sendable, Hashable, Encodable {
    /// One facet as shoppers see it: the merchant's name, the values Clerk counted.
    public struct Facet: Sendable, Hashable, Encodable {
        /// One value of a facet.
        public enum Value: Sendable, Hashable, Encodable {
            /// `{"value","label","count"}`: `value` is what a filter parameter takes (a category's id as digits,
            /// a brand's name, `true` for in stock); `label` is what shoppers read.
            case unit(value: String, label: String, count: Int)
            /// `{"min","max","count"}`: a numeric range (`price`), to send as `price_min`/`price_max`.
            case range(min: Decimal, max: Decimal, count: Int)

            private enum CodingKeys: String, CodingKey {
                case value, label, count, min, max
            }

            /// Encodes the member set of its kind.
            public func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                switch self {
                case let .unit(value, label, count):
                    try c.encode(value, forKey: .value)
                    try c.encode(label, forKey: .label)
                    try c.encode(count, forKey: .count)
                case let .range(min, max, count):
                    try c.encode(min, forKey: .min)
                    try c.encode(max, forKey: .max)
                    try c.encode(count, forKey: .count)
                }
            }
        }

        /// The Clerk attribute, which is also the filter parameter's name for `brand`, `option_…`, `cf_…` and
        /// `in_stock` (`categories` filters as `category`, `price` as `price_min`/`price_max`, `rating` as
        /// `rating_min`).
        public var attribute: String
        /// The merchant's display name.
        public var name: String
        /// `unit` or `range`.
        public var type: String
        /// The values, in Clerk's order.
        public var values: [Value]
    }

    /// The shopper's query, as given.
    public var query: String?
    /// How many products match in all.
    public var total: Int
    /// The page, from 1.
    public var page: Int
    /// Products per page.
    public var limit: Int
    /// The sort applied (BigCommerce's name).
    public var sort: String
    /// The storefront currency.
    public var currency: String
    /// The page's products, in Clerk's order.
    public var items: [ProductCard]
    /// The store's enabled facets, in its order.
    public var facets: [Facet]
    /// Products Clerk answered that the page cannot show (not in the catalog mirror of the storefront, hidden),
    /// in Clerk's order. Not part of the JSON: what `validate` looks into.
    public var unshown: [Int] = []

    private enum CodingKeys: String, CodingKey {
        case query, total, page, limit, sort, currency, items, facets
    }

    /// Encodes the contract's shape, leaving out an absent query.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(query, forKey: .query)
        try c.encode(total, forKey: .total)
        try c.encode(page, forKey: .page)
        try c.encode(limit, forKey: .limit)
        try c.encode(sort, forKey: .sort)
        try c.encode(currency, forKey: .currency)
        try c.encode(items, forKey: .items)
        try c.encode(facets, forKey: .facets)
    }
}
