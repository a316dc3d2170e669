import BigCommerceAPI
import CatalogMapping
import Logging
import Storefront

/// Reads a channel's search settings from BigCommerce: the store-wide Product Filtering filters, the channel's
/// and its categories' overrides (`/v3/settings/search/filters/contexts?channel_id=…`) and the storefront
/// search settings (`default_product_sort`, whether filtering is on).
///
/// BigCommerce answers the contexts only for its default channel (another channel is a 422); such a refusal
/// means "no overrides", anything else fails the read (the cache keeps its last settings) and is logged.
/// UNCONFIRMED: whether BigCommerce pages the contexts of a channel with many category overrides; one answer is
/// read.
struct BigCommerceMerchandisingSource: MerchandisingSource {
    let client: BigCommerceClient
    let logger: Logger

    /// Reads the settings of channel `channelID` and copies them into the pure model.
    func merchandisingSettings(channelID: Int) async throws -> MerchandisingSettings {
        do {
            async let storeFilters = client.searchFilters()
            async let search = client.storefrontSearchSettings(channelID: channelID)
            let contexts = try await overrides(channelID: channelID)
            var channelFilters: [ProductFilterSetting]?
            var categoryFilters: [Int: [ProductFilterSetting]] = [:]
            for override in contexts where (override.context.channelID ?? channelID) == channelID {
                let filters = override.filters.map(Self.setting)
                if let category = override.context.categoryID {
                    categoryFilters[category] = categoryFilters[category] ?? filters
                } else {
                    channelFilters = channelFilters ?? filters
                }
            }
            let settings = try await search
            return MerchandisingSettings(
                storeFilters: try await storeFilters.map(Self.setting), channelFilters: channelFilters,
                categoryFilters: categoryFilters, defaultSortName: settings?.defaultProductSort,
                filteringEnabled: settings?.productFilteringEnabled ?? true)
        } catch {
            logger.warning(
                "The store's search filter settings could not be read; search keeps the last ones it had",
                metadata: ["channel_id": "\(channelID)", "error": "\(error)"])
            throw error
        }
    }

    /// The channel's overrides; none when BigCommerce refuses the channel (400, 404 or 422).
    private func overrides(channelID: Int) async throws -> [SearchFilterContext] {
        do {
            return try await client.searchFilterContexts(channelID: channelID)
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
