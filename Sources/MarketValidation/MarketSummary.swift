import Foundation
import SyncStore

/// The last scheduled `validate` in brief, kept as a marker for `status`, `/metrics` and every process sharing
/// the database: when it ran, and each storefront's problems.
public struct MarketSummary: Sendable, Hashable, Codable {
    /// One storefront's outcome.
    public struct Market: Sendable, Hashable, Codable {
        /// The storefront.
        public var name: String
        /// Its failed checks, as `check: detail`.
        public var problems: [String]
    }

    /// The marker it is kept in.
    public static let marker = "market.validated"

    /// When the validation ran.
    public var at: Date
    /// Every storefront's outcome.
    public var storefronts: [Market]

    /// Whether every market was correct.
    public var ok: Bool { storefronts.allSatisfy(\.problems.isEmpty) }

    /// The summary of `report`, run at `at`.
    public init(_ report: MarketReport, at: Date) {
        self.at = at
        self.storefronts = report.storefronts.map { market in
            Market(name: market.name, problems: market.checks.filter { !$0.ok }.map { "\($0.check.name): \($0.detail)" })
        }
    }

    /// Keeps the summary in `markers`.
    public func save(to markers: any SyncMarkers) async throws {
        try await markers.setMarker(Self.marker, value: Array(try JSONEncoder().encode(self)), at: at)
    }

    /// The last summary kept in `markers`; nil when none ran (or it cannot be read).
    public static func last(in markers: any SyncMarkers) async throws -> MarketSummary? {
        guard let marker = try await markers.marker(marker) else { return nil }
        return try? JSONDecoder().decode(MarketSummary.self, from: Data(marker.value))
    }
}
