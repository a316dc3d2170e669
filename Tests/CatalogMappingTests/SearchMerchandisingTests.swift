import CatalogMapping
import Testing

/// mapping.md §7: the store's Product Filtering settings as the facets asked of Clerk, in the store's order
/// with its display names, and the default sort.
@Suite struct SearchMerchandisingTests {
    /// Like the sandbox store: every filter type, one option shown under another name, one option disabled.
    let store: [ProductFilterSetting] = [
        ProductFilterSetting(type: "category", sourceName: "category", displayName: "Category"),
        ProductFilterSetting(type: "brand", sourceName: "brand", displayName: "Brand"),
        ProductFilterSetting(type: "price", sourceName: "price", displayName: "Price"),
        ProductFilterSetting(type: "rating", sourceName: "rating", displayName: "Rating"),
        ProductFilterSetting(type: "product", sourceName: "Color", displayName: "Colour"),
        ProductFilterSetting(type: "product", sourceName: "Shoe Width (EU)", displayName: "Width", isEnabled: false),
        ProductFilterSetting(type: "product", sourceName: "Size", displayName: "Size"),
        ProductFilterSetting(type: "custom", sourceName: "Material", displayName: "Made of"),
        ProductFilterSetting(type: "other", sourceName: "bool", displayName: "Other", showInStockFilter: true),
    ]

    func summary(_ merchandising: SearchMerchandising) -> [String] {
        merchandising.facets.map { "\($0.attribute.name)|\($0.name)|\($0.kind.rawValue)" }
    }

    @Test func everyFilterTypeBecomesItsClerkFacetInTheStoresOrderWithItsDisplayName() {
        let merchandising = SearchMerchandising(storeFilters: store, defaultSortName: "newest", filteringEnabled: true)
        #expect(summary(merchandising) == [
            "categories|Category|unit", "brand|Brand|unit", "price|Price|range", "rating|Rating|range",
            "option_color|Colour|unit", "option_size|Size|unit", "cf_material|Made of|unit", "in_stock|Other|unit",
        ])
        #expect(merchandising.defaultSort == .newest)
    }

    @Test func disabledFiltersAndFiltersWithoutAShopperFilterAreLeftOut() {
        let settings = [
            ProductFilterSetting(type: "brand", sourceName: "brand", displayName: "Brand", isEnabled: false),
            ProductFilterSetting(type: "other", sourceName: "bool", displayName: "Other", showInStockFilter: false),
            ProductFilterSetting(type: "free_shipping", sourceName: "x", displayName: "X"),
            ProductFilterSetting(type: "product", sourceName: "???", displayName: "Nothing"),
            ProductFilterSetting(type: "product", sourceName: "Shoe Size", displayName: "Shoe size"),
            ProductFilterSetting(type: "product", sourceName: "shoe-size", displayName: "Again"),
        ]
        let merchandising = SearchMerchandising(storeFilters: settings, defaultSortName: nil, filteringEnabled: true)
        #expect(summary(merchandising) == ["option_shoe_size|Shoe size|unit"], "a second filter on one attribute is left out")
    }

    @Test func theMostSpecificOverrideReplacesTheWholeList() {
        let channel = [ProductFilterSetting(type: "brand", sourceName: "brand", displayName: "Maker")]
        let category = [
            ProductFilterSetting(type: "price", sourceName: "price", displayName: "Cost"),
            ProductFilterSetting(type: "product", sourceName: "Size (EU)", displayName: "EU size"),
        ]
        let forChannel = SearchMerchandising(
            storeFilters: store, channelFilters: channel, defaultSortName: "featured", filteringEnabled: true)
        #expect(summary(forChannel) == ["brand|Maker|unit"])
        let forCategory = SearchMerchandising(
            storeFilters: store, channelFilters: channel, categoryFilters: category, defaultSortName: "featured",
            filteringEnabled: true)
        #expect(summary(forCategory) == ["price|Cost|range", "option_size_eu|EU size|unit"])
    }

    @Test func filteringSwitchedOffMeansNoFacets() {
        let merchandising = SearchMerchandising(storeFilters: store, defaultSortName: "priceasc", filteringEnabled: false)
        #expect(merchandising.facets.isEmpty && merchandising.defaultSort == .priceasc)
    }

    @Test func everyDefaultSortNameIsKeptAndAnUnknownOneIsBigCommercesDefault() {
        for sort in SearchSort.allCases {
            let merchandising = SearchMerchandising(storeFilters: [], defaultSortName: sort.rawValue, filteringEnabled: true)
            #expect(merchandising.defaultSort == sort)
        }
        for name in [nil, "", "cheapest", "Featured"] as [String?] {
            let merchandising = SearchMerchandising(storeFilters: [], defaultSortName: name, filteringEnabled: true)
            #expect(merchandising.defaultSort == .bestselling, "\(String(describing: name))")
        }
    }

    @Test func oneChannelsSettingsGiveEachCategoryPageItsOverride() {
        let settings = MerchandisingSettings(
            storeFilters: store, channelFilters: [ProductFilterSetting(type: "brand", sourceName: "brand", displayName: "Maker")],
            categoryFilters: [7: [ProductFilterSetting(type: "rating", sourceName: "rating", displayName: "Stars")]],
            defaultSortName: "alphadesc", filteringEnabled: true)
        #expect(summary(settings.merchandising(categoryID: 7)) == ["rating|Stars|range"])
        #expect(summary(settings.merchandising(categoryID: 8)) == ["brand|Maker|unit"])
        #expect(summary(settings.merchandising(categoryID: nil)) == ["brand|Maker|unit"])
        #expect(settings.merchandising(categoryID: 7).defaultSort == .alphadesc)
        #expect(MerchandisingSettings.unknown.merchandising(categoryID: nil) == SearchMerchandising(facets: [], defaultSort: .bestselling))
    }
}
