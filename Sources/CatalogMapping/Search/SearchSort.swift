import Foundation

/// BigCommerce's storefront sort orders (contract.md `sort`, `default_product_sort`) and their Clerk order
/// (mapping.md §7).
///
/// Clerk's `orderby` takes one attribute (clerk-api.md §6.1), so `featured` sorts by `featured_rank`, the one
/// integer mapping.md folds BigCommerce's two keys into (`is_featured` descending, then `sort_order` ascending).
/// Where products without the attribute (e.g. no `rating`) land is UNCONFIRMED.
public enum SearchSort: String, Sendable, Hashable, CaseIterable {
    /// Clerk's relevance: no `orderby`.
    case relevance
    /// `featured_rank` ascending: featured first, then the merchant's `sort_order`.
    case featured
    /// `created_at` descending.
    case newest
    /// `total_sold` descending.
    case bestselling
    /// `name` ascending.
    case alphaasc
    /// `name` descending.
    case alphadesc
    /// `rating` descending.
    case avgcustomerreview
    /// `price` ascending.
    case priceasc
    /// `price` descending.
    case pricedesc

    /// The sort named `name` exactly as BigCommerce spells it.
    /// - Throws: `SearchSortError` naming `name` when it is not one.
    public init(name: String) throws(SearchSortError) {
        guard let sort = SearchSort(rawValue: name) else {
            throw SearchSortError(value: name)
        }
        self = sort
    }

    /// The sort of a search (contract.md): the `sort` parameter when given (non-empty); otherwise `relevance`
    /// when there is a query (anything but white space), else the store's `default_product_sort`.
    /// - Throws: `SearchSortError` when `sort` is not a BigCommerce sort name.
    public static func resolve(sort: String?, query: String?, storeDefault: SearchSort) throws(SearchSortError) -> SearchSort {
        if let sort, !sort.isEmpty {
            return try SearchSort(name: sort)
        }
        if let query, query.contains(where: { !$0.isWhitespace }) {
            return .relevance
        }
        return storeDefault
    }

    /// Clerk's `orderby`/`order` for this sort; `nil` for `relevance` (send no `orderby`).
    public var clerkOrder: ClerkOrder? {
        switch self {
        case .relevance:
            return nil
        case .featured:
            return Self.order("featured_rank", .asc)
        case .newest:
            return Self.order("created_at", .desc)
        case .bestselling:
            return Self.order("total_sold", .desc)
        case .alphaasc:
            return Self.order("name", .asc)
        case .alphadesc:
            return Self.order("name", .desc)
        case .avgcustomerreview:
            return Self.order("rating", .desc)
        case .priceasc:
            return Self.order("price", .asc)
        case .pricedesc:
            return Self.order("price", .desc)
        }
    }

    private static func order(_ name: String, _ direction: ClerkOrder.Direction) -> ClerkOrder {
        ClerkOrder(ClerkFilterAttribute(name)!, direction)
    }
}
