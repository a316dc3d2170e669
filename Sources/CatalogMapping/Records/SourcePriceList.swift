import Foundation

/// One BigCommerce price list.
public struct SourcePriceList: Sendable, Equatable {
    /// The price list id.
    public var id: Int
    /// Whether the price list is active.
    public var active: Bool

    /// Creates a price list.
    public init(id: Int, active: Bool) {
        self.id = id
        self.active = active
    }
}
