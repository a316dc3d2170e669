/// Product Filtering and storefront search settings (mapping.md §7): which filters the merchant enabled, their
/// display names and order, and the default sort.
extension BigCommerceClient {
    /// `GET /v3/settings/search/filters`: the enabled storefront filters, in storefront order.
    public func searchFilters() async throws -> [SearchFilterSetting] {
        try await single([SearchFilterSetting].self, Endpoint(.v3, "settings/search/filters")) ?? []
    }

    /// `GET /v3/settings/search/filters/contexts?channel_id=…[&category_id=…]`: the overrides for a channel, or
    /// for one of its categories.
    public func searchFilterContexts(channelID: Int, categoryID: Int? = nil) async throws -> [SearchFilterContext] {
        var query = [(name: "channel_id", value: String(channelID))]
        if let categoryID { query.append((name: "category_id", value: String(categoryID))) }
        return try await single([SearchFilterContext].self, Endpoint(.v3, "settings/search/filters/contexts", query: query)) ?? []
    }

    /// `GET /v3/settings/storefront/search[?channel_id=…]`: the default product sort and whether Product Filtering
    /// is on (per channel when given; the channel parameter is UNCONFIRMED for this endpoint).
    public func storefrontSearchSettings(channelID: Int? = nil) async throws -> StorefrontSearchSettings? {
        let query = channelID.map { [(name: "channel_id", value: String($0))] } ?? []
        return try await single(StorefrontSearchSettings.self, Endpoint(.v3, "settings/storefront/search", query: query))
    }
}
