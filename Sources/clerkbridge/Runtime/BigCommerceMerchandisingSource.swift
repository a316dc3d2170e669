import BigCommerceAPI
import CatalogMapping
import Logging
import Storefront

/// Reads a storefront's search merchandising from BigCommerce: the store-wide Product Filtering filters, the
/// channel's and the category's overrides (`/v3/settings/search/filters/contexts`) and the storefront search
/// settings (`default_product_sort`, whether filtering is on), translated by `SearchMerchandising`.
///
/// BigCommerce answers the contexts only for its default channel (another channel is a 422); such a refusal
/// means "no overrides", anything else fails the read (the cache keeps its last value) and is logged.
struct BigCommerceMerchandisingSource: MerchandisingSource {
    let client: BigCommerceClient
    let logger: Logger

    /// Reads the settings of channel `channelID` (for category `categoryID`'s page when given) and translates them.
    func merchandising(channelID: Int, categoryID: Int?) async throws -> SearchMerchandising {
        do {
            async let storeFilters = client.searchFilters()
            async let settings = client.storefrontSearchSettings(channelID: channelID)
            let contexts = try await overrides(channelID: channelID, categoryID: categoryID)
            let channel = contexts.first { ($0.context.channelID ?? channelID) == channelID && $0.context.categoryID == nil }
            let category = categoryID.flatMap { id in
                contexts.first { ($0.context.channelID ?? channelID) == channelID && $0.context.categoryID == id }
            }
            let search = try await settings
            return SearchMerchandising(
                storeFilters: try await storeFilters.map(Self.setting), channelFilters: channel?.filters.map(Self.setting),
                categoryFilters: category?.filters.map(Self.setting), defaultSortName: search?.defaultProductSort,
                filteringEnabled: search?.productFilteringEnabled ?? true)
        } catch {
            logger.warning(
                "The store's search filter settings could not be read; search keeps the last ones it had",
                metadata: ["channel_id": "\(channelID)", "error": "\(error)"])
            throw error
        }
    }

    /// The channel's overrides (for `categoryID` and the channel as a whole); none when BigCommerce refuses the
    /// channel (400, 404 or 422).
    private func overrides(channelID: Int, categoryID: Int?) async throws -> [SearchFilterContext] {
        do {
            var contexts = try await client.searchFilterContexts(channelID: channelID, categoryID: categoryID)
            if categoryID != nil {
                contexts += try await client.searchFilterContexts(channelID: channelID)
            }
            return contexts
        } catch let error as BigCommerceError where [400, 404, 422].contains(error.httpStatus ?? 0) {
            return []
        }
    }

    /// The pure settings of one BigCommerce filter.
    static func setting(_ filter: SearchFilterSetting) -> ProductFilterSetting {
        ProductFilterSetting(
            type: filter.type, sourceName: filter.sourceName, displayName: filter.displayName,
            isEnabled: filter.isEnabled, showInStockFilter: filter.showInStockFilter)
    }
}
