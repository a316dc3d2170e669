import Foundation

/// How the merchant set up search and filtering in BigCommerce, in Clerk's terms (mapping.md §7): the facets to
/// ask Clerk for, in the storefront's order and with its display names, and the default sort.
///
/// | BigCommerce filter `type` | facet |
/// |---|---|
/// | `category` | `categories` (unit; values are category ids, labelled with category names) |
/// | `brand` | `brand` (unit) |
/// | `price` | `price` (range) |
/// | `rating` | `rating` (range: "4 stars & up" buckets, `{min: 4, max: 5}`, to send as `rating_min`) |
/// | `product` (a variant option) | `option_<normalised source name>` (unit) |
/// | `custom`, `custom_field` (a custom field) | `cf_<normalised source name>` (unit) |
/// | `other` with the in-stock filter shown | `in_stock` (unit) |
///
/// The attribute comes from the filter's source name (the option or custom field as the catalog names it, which
/// is what the product documents carry); the facet's name is the merchant's display name, so an option `Color`
/// shown as "Colour" is the facet `option_color` named "Colour". Disabled filters, filters of another type
/// (BigCommerce's featured and free-shipping checkboxes have no contract filter), names that normalise to
/// nothing and a second filter on an attribute already taken are left out.
///
/// UNCONFIRMED: the `type` BigCommerce gives custom-field filters (Enterprise plans) is not in the documents
/// read; `custom` (as the sandbox sends) and `custom_field` are accepted.
public struct SearchMerchandising: Sendable, Hashable {
    /// The facets, in the storefront's order.
    public var facets: [SearchFacet]
    /// The store's `default_product_sort`.
    public var defaultSort: SearchSort

    /// BigCommerce's default sort when a store sets none or one this service does not know.
    public static let bigCommerceDefaultSort = SearchSort.bestselling

    /// Creates merchandising from facets and a default sort.
    public init(facets: [SearchFacet], defaultSort: SearchSort) {
        self.facets = facets
        self.defaultSort = defaultSort
    }

    /// The merchandising of a storefront page from the store's settings.
    ///
    /// - Parameters:
    ///   - storeFilters: the store-wide filters (`/v3/settings/search/filters`), in storefront order.
    ///   - channelFilters: the channel's override, when the store has one.
    ///   - categoryFilters: the override of the category the page shows, when it has one.
    ///   - defaultSortName: `default_product_sort`; an unknown or absent name is BigCommerce's `bestselling`.
    ///   - filteringEnabled: whether Product Filtering is on; when off there are no facets.
    ///
    /// The most specific override present replaces the whole list (BigCommerce: the store-wide filters "will be
    /// used if a store does not have contextual overrides").
    public init(
        storeFilters: [ProductFilterSetting], channelFilters: [ProductFilterSetting]? = nil,
        categoryFilters: [ProductFilterSetting]? = nil, defaultSortName: String?, filteringEnabled: Bool
    ) {
        let settings = categoryFilters ?? channelFilters ?? storeFilters
        var facets: [SearchFacet] = []
        if filteringEnabled {
            for setting in settings where setting.isEnabled {
                guard let facet = Self.facet(for: setting), !facets.contains(where: { $0.attribute == facet.attribute }) else {
                    continue
                }
                facets.append(facet)
            }
        }
        self.facets = facets
        self.defaultSort = defaultSortName.flatMap(SearchSort.init(rawValue:)) ?? Self.bigCommerceDefaultSort
    }

    /// The facet of one enabled filter, nil when it has none.
    static func facet(for setting: ProductFilterSetting) -> SearchFacet? {
        let name = setting.displayName
        let source = setting.sourceName ?? name
        switch setting.type.lowercased() {
        case "category":
            return SearchFacet(attribute: ClerkFilterAttribute("categories")!, name: name, kind: .unit)
        case "brand":
            return SearchFacet(attribute: ClerkFilterAttribute("brand")!, name: name, kind: .unit)
        case "price":
            return SearchFacet(attribute: ClerkFilterAttribute("price")!, name: name, kind: .range)
        case "rating":
            return SearchFacet(attribute: ClerkFilterAttribute("rating")!, name: name, kind: .range)
        case "product":
            return ClerkFilterAttribute.option(source).map { SearchFacet(attribute: $0, name: name, kind: .unit) }
        case "custom", "custom_field":
            return ClerkFilterAttribute.customField(source).map { SearchFacet(attribute: $0, name: name, kind: .unit) }
        case "other":
            guard setting.showInStockFilter else { return nil }
            return SearchFacet(attribute: ClerkFilterAttribute("in_stock")!, name: name, kind: .unit)
        default:
            return nil
        }
    }
}
