import CatalogMapping

/// Where a storefront's search merchandising is read from: the store's Product Filtering and storefront search
/// settings (mapping.md §7). The CLI implements it with the BigCommerce client; `MerchandisingCache` keeps its
/// answers.
public protocol MerchandisingSource: Sendable {
    /// The merchandising of channel `channelID`, for the page of category `categoryID` when given (its
    /// per-category override applies), else for the channel as a whole.
    func merchandising(channelID: Int, categoryID: Int?) async throws -> SearchMerchandising
}
