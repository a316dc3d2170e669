import Foundation
import SyncStore

/// The last scheduled `validate` in brief, kept as a marker for `status`, `/metrics`, the dashboard and every process sharing
/// the database: when it ran, and each storefront's problems.
public struct MarketSummary: Sendable, Hashable, Codable {
    /// One storefront's outcome.
    public struct Market: Sendable, Hashable, Codable {
        /// The storefront.
        public var name: String
        /// Its failed checks, as `check: detail`.
        public var problems: [String]

        /// `name`'s outcome: its failed checks.
        public init(name: String, problems: [String]) {
            self.name = name
            self.problems = problems
        }
    }

    /// The marker it is kept in.
    public static let marker = "market.validated"

    /// When the validation ran.
    public var at: Date
    /// Every storefront's outcome.
    public var storefronts: [Market]

    /// Whether every market was correct.
    public var ok: Bool { storefronts.allSatisfy(\.problems.isEmpty) }

    /// A summary of `storefronts`' outcomes at `at`.
    public init(at: Date, storefronts: [Market]) {
        self.at = at
        self.storefronts = storefronts
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
