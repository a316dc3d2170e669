import Foundation

/// One entry of the store's BigCommerce Product Filtering settings (`GET /v3/settings/search/filters` and the
/// per-channel and per-category overrides of `…/filters/contexts`), in the terms `SearchMerchandising` needs.
///
/// The CLI copies it from the BigCommerce client's model, so this module keeps to Foundation.
public struct ProductFilterSetting: Sendable, Hashable {
    /// The kind of filter as BigCommerce sends it: `category`, `brand`, `price`, `rating`, `product` (a variant
    /// option), `other` (in stock, featured, free shipping) or a custom field's type.
    public var type: String
    /// The name the filter comes from (the base64-decoded `id`): the option or custom field name for `product`
    /// and custom-field filters, e.g. `Size`; nil when the id is not base64 text.
    public var sourceName: String?
    /// What the storefront calls the filter (`display_name`), e.g. `Colour` for the option `Color`.
    public var displayName: String
    /// Whether the storefront shows it.
    public var isEnabled: Bool
    /// For `other`: whether the in-stock filter is offered.
    public var showInStockFilter: Bool

    /// Creates a setting.
    public init(
        type: String, sourceName: String?, displayName: String, isEnabled: Bool = true, showInStockFilter: Bool = false
    ) {
        self.type = type
        self.sourceName = sourceName
        self.displayName = displayName
        self.isEnabled = isEnabled
        self.showInStockFilter = showInStockFilter
    }
}
