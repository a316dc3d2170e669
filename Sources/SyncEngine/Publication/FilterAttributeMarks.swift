import CatalogMapping
import Foundation
import SyncStore
import Synchronization

/// Records the `option_` and `cf_` attributes of published documents as `CatalogFilterMarker`s, once per
/// storefront and attribute for the life of the process (a set of names remembered here), so publishing costs a
/// marker write only when an attribute is new.
final class FilterAttributeMarks: Sendable {
    private let markers: any SyncMarkers
    private let recorded = Mutex<[String: Set<String>]>([:])

    init(markers: any SyncMarkers) {
        self.markers = markers
    }

    /// Records the filterable attributes of `documents` for `storefront`.
    func record(_ documents: [ClerkDocument], storefront: String) async throws {
        let names = Set(documents.flatMap { ShopperFilters.filterableAttributes(of: $0) })
        let new = recorded.withLock { names.subtracting($0[storefront] ?? []) }
        guard !new.isEmpty else { return }
        let now = Date()
        for attribute in new.sorted() {
            try await markers.setMarker(CatalogFilterMarker.name(storefront: storefront, attribute: attribute), value: [], at: now)
        }
        recorded.withLock { $0[storefront, default: []].formUnion(new) }
    }
}
