import Foundation

/// One storefront filter of BigCommerce's Product Filtering settings (`GET /v3/settings/search/filters`, and
/// the per-category overrides of `/v3/settings/search/filters/contexts`), in the order the storefront shows them.
///
/// `type` is `category`, `brand`, `price`, `rating`, `product` (a variant option; `display_name` defaults to the
/// option's name), `other` (in stock, featured, free shipping) or, on Enterprise plans, custom fields (the type's
/// name for those is UNCONFIRMED; it is kept as sent). `id` is the base64 of the filter's source name, e.g.
/// `U2l6ZQ==` for the option `Size` (from the documented examples).
public struct SearchFilterSetting: Decodable, Sendable, Hashable {
    /// The filter id (base64 of its source name).
    public var id: String
    /// What the storefront calls it.
    public var displayName: String
    /// The kind of filter, as sent.
    public var type: String
    /// Whether it is shown.
    public var isEnabled: Bool
    /// Whether it starts collapsed.
    public var collapsedByDefault: Bool
    /// Whether counts are shown beside values.
    public var displayProductCount: Bool
    /// How many values are shown before "more".
    public var itemsToShow: Int?
    /// How values are ordered (`alpha`, `count`, …), as sent.
    public var sortBy: String?
    /// For `other`: whether the in-stock filter is offered.
    public var showInStockFilter: Bool
    /// For `other`: whether the featured filter is offered.
    public var showIsFeaturedFilter: Bool

    /// The source name `id` encodes (e.g. `Size`), nil when it is not base64 text.
    public var sourceName: String? {
        Data(base64Encoded: id).flatMap { String(data: $0, encoding: .utf8) }
    }

    private enum CodingKeys: String, CodingKey {
        case id, type
        case displayName = "display_name"
        case isEnabled = "is_enabled"
        case collapsedByDefault = "collapsed_by_default"
        case displayProductCount = "display_product_count"
        case itemsToShow = "items_to_show"
        case sortBy = "sort_by"
        case showInStockFilter = "show_in_stock_filter"
        case showIsFeaturedFilter = "show_is_featured_filter"
    }

    /// Creates a setting.
    public init(
        id: String, displayName: String, type: String, isEnabled: Bool = true, collapsedByDefault: Bool = false,
        displayProductCount: Bool = true, itemsToShow: Int? = nil, sortBy: String? = nil,
        showInStockFilter: Bool = false, showIsFeaturedFilter: Bool = false
    ) {
        self.id = id
        self.displayName = displayName
        self.type = type
        self.isEnabled = isEnabled
        self.collapsedByDefault = collapsedByDefault
        self.displayProductCount = displayProductCount
        self.itemsToShow = itemsToShow
        self.sortBy = sortBy
        self.showInStockFilter = showInStockFilter
        self.showIsFeaturedFilter = showIsFeaturedFilter
    }

    /// Decodes leniently: flags absent are false (enabled: true), numbers may come as strings.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.string(.id)
        type = try c.string(.type)
        displayName = try c.string(.displayName)
        isEnabled = try c.bool(.isEnabled, default: true)
        collapsedByDefault = try c.bool(.collapsedByDefault, default: false)
        displayProductCount = try c.bool(.displayProductCount, default: false)
        itemsToShow = try c.lenientIntIfPresent(.itemsToShow)
        sortBy = try c.decodeIfPresent(String.self, forKey: .sortBy)
        showInStockFilter = try c.bool(.showInStockFilter, default: false)
        showIsFeaturedFilter = try c.bool(.showIsFeaturedFilter, default: false)
    }
}
