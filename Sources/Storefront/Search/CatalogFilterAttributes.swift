import SyncStore

/// The `option_` and `cf_` attributes each storefront's catalog has, as publication records them
/// (`CatalogFilterMarker`), kept for `ttl` so a search costs no read: what lets search refuse a filter on an
/// option the store does not have (`option_colour` for `Color`) instead of answering nothing.
///
/// A storefront with none recorded (no reindex since clerkbridge learnt to record them) or a failed read gives
/// nil: then any filter is sent, as before.
public final class CatalogFilterAttributes: Sendable {
    private let markers: any SyncMarkers
    private let ttl: Duration
    private let kept = AnswerCache<String, Set<String>>(capacity: 1_000)

    /// Reads from `markers`, keeping each storefront's attributes for `ttl`.
    public init(markers: any SyncMarkers, ttl: Duration = .seconds(60)) {
        self.markers = markers
        self.ttl = ttl
    }

    /// The attributes of `storefront`'s catalog; nil when none are known.
    public func attributes(storefront: String) async -> Set<String>? {
        let (markers, ttl) = (markers, ttl)
        let prefix = CatalogFilterMarker.prefix(storefront: storefront)
        let names = try? await kept.answer(for: storefront, ttl: { _ in ttl }) {
            Set(try await markers.markers(prefix: prefix).keys.map { String($0.dropFirst(prefix.count)) })
        }.value
        guard let names, !names.isEmpty else { return nil }
        return names
    }
}
