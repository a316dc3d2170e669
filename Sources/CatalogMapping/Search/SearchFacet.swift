import Foundation

/// A facet a search asks Clerk for and shows shoppers (mapping.md §7): a Clerk attribute, the storefront's name
/// for it and whether its values are single values or numeric ranges.
public struct SearchFacet: Sendable, Hashable {
    /// How the facet's values are shown (contract.md `type`).
    public enum Kind: String, Sendable, Hashable {
        /// One value per bucket, `{value, label, count}`.
        case unit
        /// Numeric ranges, `{min, max, count}`.
        case range
    }

    /// The Clerk attribute (`categories`, `brand`, `price`, `rating`, `option_<name>`, `cf_<name>`, `in_stock`).
    public var attribute: ClerkFilterAttribute
    /// The storefront's display name for it.
    public var name: String
    /// Single values or ranges.
    public var kind: Kind

    /// Creates a facet.
    public init(attribute: ClerkFilterAttribute, name: String, kind: Kind) {
        self.attribute = attribute
        self.name = name
        self.kind = kind
    }
}
