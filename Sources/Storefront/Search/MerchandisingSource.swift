import CatalogMapping

/// Where a storefront channel's search settings are read from: the store's Product Filtering settings with the
/// channel's and its categories' overrides, and the storefront search settings (mapping.md §7). The CLI
/// implements it with the BigCommerce client; `MerchandisingCache` keeps its answers.
public protocol MerchandisingSource: Sendable {
    /// The search settings of channel `channelID`, every category override included.
    func merchandisingSettings(channelID: Int) async throws -> MerchandisingSettings
}
