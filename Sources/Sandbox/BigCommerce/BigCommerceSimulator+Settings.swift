import Foundation
import Hummingbird
import JSONSupport

/// Product Filtering and storefront search settings, in the V3 envelope, shaped like BigCommerce's documented
/// examples (`bigcommerce/dev-docs`, "Contextual Filters").
extension BigCommerceSimulator {
    /// `GET /v3/settings/search/filters`: the store-wide filters (enabled or not), in storefront order.
    func searchFilters() -> Response {
        var writer = JSONWriter(capacity: 1_024)
        writer.openObject()
        writer.key("data")
        write(store.searchSettings.filters, to: &writer)
        writer.key("meta")
        writer.openObject()
        writer.closeObject()
        writer.closeObject()
        return .json(.ok, writer.bytes)
    }

    /// `GET /v3/settings/search/filters/contexts?channel_id=1[&category_id=…]`: category overrides. Like the real
    /// API, only channel 1 is supported (another channel is a 422).
    func searchFilterContexts(_ query: QueryParameters) throws -> Response {
        let channel = try ints(query, "channel_id")?.first ?? 1
        guard channel == 1 else {
            throw Failure(status: 422, title: "Only the default channel (1) supports contextual filters.")
        }
        let category = try ints(query, "category_id")?.first
        let contexts = store.searchSettings.state.withLock { $0.contexts }
            .filter { category == nil || $0.key == category }
            .sorted { $0.key < $1.key }
        var writer = JSONWriter(capacity: 1_024)
        writer.openObject()
        writer.key("data")
        writer.openArray()
        for (categoryID, filters) in contexts {
            writer.openObject()
            writer.key("context")
            writer.openObject()
            writer.field("channel_id", channel)
            writer.field("category_id", categoryID)
            writer.closeObject()
            writer.key("data")
            write(filters, to: &writer)
            writer.closeObject()
        }
        writer.closeArray()
        writer.key("meta")
        writer.openObject()
        writer.closeObject()
        writer.closeObject()
        return .json(.ok, writer.bytes)
    }

    /// `GET /v3/settings/storefront/search`.
    func storefrontSearchSettings() -> Response {
        let settings = store.searchSettings
        var writer = JSONWriter(capacity: 256)
        writer.openObject()
        writer.key("data")
        writer.openObject()
        writer.field("content_product_sort", "relevance")
        writer.field("default_product_sort", settings.defaultSort)
        writer.field("product_filtering_enabled", settings.filteringEnabled)
        writer.field("search_suggest", true)
        writer.closeObject()
        writer.key("meta")
        writer.openObject()
        writer.closeObject()
        writer.closeObject()
        return .json(.ok, writer.bytes)
    }

    private func write(_ filters: [SandboxSearchSettings.Filter], to writer: inout JSONWriter) {
        writer.openArray()
        for filter in filters {
            writer.openObject()
            writer.field("id", filter.id)
            writer.field("display_name", filter.displayName)
            writer.field("type", filter.type)
            writer.field("is_enabled", filter.isEnabled)
            writer.field("collapsed_by_default", false)
            switch filter.type {
            case "price":
                break
            case "other":
                writer.field("display_product_count", true)
                writer.field("show_in_stock_filter", true)
                writer.field("show_is_featured_filter", true)
                writer.field("show_free_shipping_filter", false)
            default:
                writer.field("display_product_count", true)
                writer.field("items_to_show", 10)
                writer.field("sort_by", "alpha")
            }
            writer.closeObject()
        }
        writer.closeArray()
    }
}
