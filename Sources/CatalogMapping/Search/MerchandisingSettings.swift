import Foundation

/// One channel's search settings as the store gives them (mapping.md §7): the store-wide Product Filtering
/// filters, the channel's and its categories' overrides, the default sort and whether filtering is on. Read once
/// per channel, it gives the `SearchMerchandising` of any page of that channel without another read.
public struct MerchandisingSettings: Sendable, Hashable {
    /// The store-wide filters, in storefront order.
    public var storeFilters: [ProductFilterSetting]
    /// The channel's override, when it has one.
    public var channelFilters: [ProductFilterSetting]?
    /// The categories' overrides, by category id.
    public var categoryFilters: [Int: [ProductFilterSetting]]
    /// `default_product_sort`, as sent.
    public var defaultSortName: String?
    /// Whether Product Filtering is on.
    public var filteringEnabled: Bool

    /// What search uses while a channel's settings have never been read: no facets, BigCommerce's default sort.
    public static let unknown = MerchandisingSettings(storeFilters: [], defaultSortName: nil, filteringEnabled: false)

    /// Creates settings.
    public init(
        storeFilters: [ProductFilterSetting], channelFilters: [ProductFilterSetting]? = nil,
        categoryFilters: [Int: [ProductFilterSetting]] = [:], defaultSortName: String?, filteringEnabled: Bool
    ) {
        self.storeFilters = storeFilters
        self.channelFilters = channelFilters
        self.categoryFilters = categoryFilters
        self.defaultSortName = defaultSortName
        self.filteringEnabled = filteringEnabled
    }

    /// The merchandising of the page of category `categoryID` (its override applies when it has one), or of the
    /// channel as a whole when nil.
    public func merchandising(categoryID: Int?) -> SearchMerchandising {
        SearchMerchandising(
            storeFilters: storeFilters, channelFilters: channelFilters,
            categoryFilters: categoryID.flatMap { categoryFilters[$0] }, defaultSortName: defaultSortName,
            filteringEnabled: filteringEnabled)
    }
}
