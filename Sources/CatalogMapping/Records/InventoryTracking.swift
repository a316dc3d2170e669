import Foundation

/// How BigCommerce tracks a product's inventory.
public enum InventoryTracking: String, Sendable, Codable {
    /// Inventory is not tracked.
    case none
    /// Inventory is tracked on the product itself.
    case product
    /// Inventory is tracked per variant.
    case variant
}
