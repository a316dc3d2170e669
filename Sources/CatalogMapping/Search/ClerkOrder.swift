import Foundation

/// Clerk search's `orderby` and `order` parameters (clerk-api.md §6.1): one attribute and a direction.
public struct ClerkOrder: Sendable, Hashable {
    /// The direction of `order`.
    public enum Direction: String, Sendable, Hashable {
        /// Ascending (Clerk's default).
        case asc
        /// Descending.
        case desc
    }

    /// The attribute for `orderby`.
    public let attribute: ClerkFilterAttribute
    /// The value for `order`.
    public let direction: Direction

    /// An order by `attribute` in `direction`.
    public init(_ attribute: ClerkFilterAttribute, _ direction: Direction) {
        self.attribute = attribute
        self.direction = direction
    }

    /// The value of Clerk's `orderby` parameter.
    public var orderby: String { attribute.name }
    /// The value of Clerk's `order` parameter.
    public var order: String { direction.rawValue }
}
