import Foundation
import SyncStore

/// The last run of each kind of background work, kept as markers for `clerkbridge status`.
public enum RunJournal {
    /// What ran.
    public enum Kind: String, Sendable, CaseIterable {
        /// A full reindex (from the command line or the schedule).
        case reindex
        /// The scheduled light reconciliation.
        case reconcile
        /// A catalog refresh after a store-wide webhook.
        case refresh
        /// An order history import.
        case importOrders = "import_orders"
        /// A full customer import.
        case importCustomers = "import_customers"
        /// The scheduled customer sweep.
        case customerSweep = "customer_sweep"
        /// An audience sync.
        case audiences
    }

    /// One recorded run.
    public struct Entry: Sendable, Codable, Equatable {
        /// Whether it finished without failures.
        public var ok: Bool
        /// A one-line account of what it did.
        public var summary: String
        /// When it finished.
        public var finishedAt: Date

        private enum CodingKeys: String, CodingKey {
            case ok, summary
            case finishedAt = "finished_at"
        }
    }

    static let prefix = "run."

    /// Records that a run of `kind` finished now.
    public static func record(_ kind: Kind, ok: Bool, summary: String, store: any SyncMarkers, at now: Date = Date()) async throws {
        let entry = Entry(ok: ok, summary: summary, finishedAt: now)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        try await store.setMarker(prefix + kind.rawValue, value: Array(try encoder.encode(entry)), at: now)
    }

    /// The last run of each kind that ever ran.
    public static func lastRuns(store: any SyncMarkers) async throws -> [Kind: Entry] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        var result: [Kind: Entry] = [:]
        for (name, marker) in try await store.markers(prefix: prefix) {
            guard let kind = Kind(rawValue: String(name.dropFirst(prefix.count))),
                let entry = try? decoder.decode(Entry.self, from: Data(marker.value))
            else { continue }
            result[kind] = entry
        }
        return result
    }
}
