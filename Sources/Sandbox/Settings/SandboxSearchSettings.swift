import Foundation
import Synchronization

/// The sandbox store's Product Filtering and storefront search settings, changeable while it runs.
///
/// Seeded like a store that enabled filtering: Category, Brand, Price, Rating, the catalog's variant options
/// (Size, Color, Size (EU), Shoe Width (EU)), the custom field Material, and Other with the in-stock filter;
/// default sort `featured`. Served by `GET /v3/settings/search/filters`, `…/filters/contexts` and
/// `/v3/settings/storefront/search`.
public final class SandboxSearchSettings: Sendable {
    /// One filter as the API shows it.
    public struct Filter: Sendable, Hashable {
        /// The source name (the id is its base64).
        public var sourceName: String
        /// What the storefront calls it.
        public var displayName: String
        /// `category`, `brand`, `price`, `rating`, `product`, `custom` (UNCONFIRMED name) or `other`.
        public var type: String
        /// Whether it is shown.
        public var isEnabled: Bool

        /// Creates a filter.
        public init(sourceName: String, displayName: String? = nil, type: String, isEnabled: Bool = true) {
            self.sourceName = sourceName
            self.displayName = displayName ?? sourceName
            self.type = type
            self.isEnabled = isEnabled
        }

        /// The API id: base64 of the source name.
        public var id: String { Data(sourceName.utf8).base64EncodedString() }
    }

    struct State {
        var filters: [Filter]
        var contexts: [Int: [Filter]] = [:]
        var defaultSort = "featured"
        var filteringEnabled = true
    }

    let state: Mutex<State>

    /// The seeded settings.
    public init() {
        state = Mutex(State(filters: [
            Filter(sourceName: "category", displayName: "Category", type: "category"),
            Filter(sourceName: "brand", displayName: "Brand", type: "brand"),
            Filter(sourceName: "price", displayName: "Price", type: "price"),
            Filter(sourceName: "rating", displayName: "Rating", type: "rating"),
            Filter(sourceName: "Size", type: "product"),
            Filter(sourceName: "Color", displayName: "Colour", type: "product"),
            Filter(sourceName: "Size (EU)", type: "product"),
            Filter(sourceName: "Shoe Width (EU)", type: "product", isEnabled: false),
            Filter(sourceName: "Material", type: "custom"),
            Filter(sourceName: "bool", displayName: "Other", type: "other"),
        ]))
    }

    /// The store-wide filters, in storefront order.
    public var filters: [Filter] { state.withLock { $0.filters } }

    /// Replaces the store-wide filters.
    public func setFilters(_ filters: [Filter]) {
        state.withLock { $0.filters = filters }
    }

    /// Sets the filters of category `categoryID` (channel 1, the only channel the API supports).
    public func setCategoryFilters(_ filters: [Filter], categoryID: Int) {
        state.withLock { $0.contexts[categoryID] = filters }
    }

    /// The default sort of product listings.
    public var defaultSort: String {
        get { state.withLock { $0.defaultSort } }
        set { state.withLock { $0.defaultSort = newValue } }
    }

    /// Whether Product Filtering is on.
    public var filteringEnabled: Bool {
        get { state.withLock { $0.filteringEnabled } }
        set { state.withLock { $0.filteringEnabled = newValue } }
    }
}
