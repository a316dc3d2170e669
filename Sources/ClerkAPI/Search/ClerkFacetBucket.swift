import Foundation

/// One bucket of a facet in a search answer (clerk-api.md §6.4): a value with its count, or a numeric range.
public enum ClerkFacetBucket: Sendable, Hashable {
    /// `{"type":"unit","name","value","count"}`: products whose attribute holds `value` (a string's text, or a
    /// number's digits such as a category id), shown as `name`.
    case unit(name: String, value: String, count: Int)
    /// `{"type":"range","name","min","max","count"}`: products whose attribute lies between `min` and `max`
    /// (prices: decimals, never through `Double`).
    case range(name: String, min: Decimal, max: Decimal, count: Int)

    /// The bucket's display name.
    public var name: String {
        switch self {
        case .unit(let name, _, _), .range(let name, _, _, _): name
        }
    }

    /// How many matching products fall in the bucket.
    public var count: Int {
        switch self {
        case .unit(_, _, let count), .range(_, _, _, let count): count
        }
    }
}
