import Foundation
import SyncStore

/// The last run of each kind of background work, store-wide and per storefront, kept as markers for `clerkbridge
/// status` and the dashboard.
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
        /// A comparison of the Clerk stores with the catalog (`clerkbridge verify`).
        case verify
    }

    /// One recorded run.
    public struct Entry: Sendable, Codable, Equatable {
        /// Whether it finished without failures.
        public var ok: Bool
        /// A one-line account of what it did.
        public var summary: String
        /// When it finished.
        public var finishedAt: Date
        /// How long it took, when measured.
        public var seconds: Double?

        /// Creates an entry.
        public init(ok: Bool, summary: String, finishedAt: Date, seconds: Double? = nil) {
            self.ok = ok
            self.summary = summary
            self.finishedAt = finishedAt
            self.seconds = seconds
        }

        private enum CodingKeys: String, CodingKey {
            case ok, summary, seconds
            case finishedAt = "finished_at"
        }
    }

    static let prefix = "run."
    static let storefrontPrefix = "storefront-run."

    /// Records that a run of `kind` finished now, store-wide or (given `storefront`) for one storefront.
    public static func record(
        _ kind: Kind, ok: Bool, summary: String, seconds: Double? = nil, storefront: String? = nil, store: any SyncMarkers,
        at now: Date = Date()
    ) async throws {
        let entry = Entry(ok: ok, summary: summary, finishedAt: now, seconds: seconds)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let name = storefront.map { "\(storefrontPrefix)\(kind.rawValue).\($0)" } ?? prefix + kind.rawValue
        try await store.setMarker(name, value: Array(try encoder.encode(entry)), at: now)
    }

    /// Records a reindex: the store-wide summary and each storefront's result and duration.
    public static func record(_ report: ReindexReport, store: any SyncMarkers, at now: Date = Date()) async throws {
        let products = report.storefronts.reduce(0) { $0 + $1.products.pushed }
        let removed = report.storefronts.reduce(0) { $0 + $1.products.removed }
        let failed = report.storefronts.reduce(0) { $0 + $1.products.failed + $1.categories.failed }
        try await record(
            .reindex, ok: report.ok,
            summary: "\(report.storefronts.count) storefronts, \(products) products pushed, \(removed) removed, \(failed) failed",
            seconds: report.storefronts.map(\.seconds).max(), store: store, at: now)
        for storefront in report.storefronts {
            let products = storefront.products
            var summary = "\(products.seen) products listed, \(products.pushed) pushed, \(products.removed) removed, "
                + "\(products.failed + storefront.categories.failed) failed"
            if let failure = storefront.failures.first { summary += "; \(failure)" }
            try await record(
                .reindex, ok: storefront.ok, summary: summary, seconds: storefront.seconds, storefront: storefront.name, store: store,
                at: now)
        }
    }

    /// Records a verification: store-wide whether everything matched, and each storefront's differences.
    public static func record(_ report: VerifyReport, store: any SyncMarkers, at now: Date = Date()) async throws {
        let differences = report.storefronts.reduce(0) { $0 + $1.differences.count }
        try await record(
            .verify, ok: report.ok, summary: "\(report.storefronts.count) storefronts, \(differences) differences", store: store,
            at: now)
        for storefront in report.storefronts {
            var summary = "\(storefront.checked) documents checked, \(storefront.differences.count) differences"
            if let failure = storefront.failures.first { summary += "; incomplete: \(failure)" }
            try await record(
                .verify, ok: storefront.differences.isEmpty && storefront.failures.isEmpty, summary: summary,
                storefront: storefront.name, store: store, at: now)
        }
    }

    /// The last store-wide run of each kind that ever ran.
    public static func lastRuns(store: any SyncMarkers) async throws -> [Kind: Entry] {
        var result: [Kind: Entry] = [:]
        for (name, marker) in try await store.markers(prefix: prefix) {
            guard let kind = Kind(rawValue: String(name.dropFirst(prefix.count))), let entry = decode(marker) else { continue }
            result[kind] = entry
        }
        return result
    }

    /// The last run of each kind per storefront, by storefront name.
    public static func lastStorefrontRuns(store: any SyncMarkers) async throws -> [String: [Kind: Entry]] {
        var result: [String: [Kind: Entry]] = [:]
        for (name, marker) in try await store.markers(prefix: storefrontPrefix) {
            let rest = name.dropFirst(storefrontPrefix.count)
            guard let dot = rest.firstIndex(of: "."), let kind = Kind(rawValue: String(rest[..<dot])),
                let entry = decode(marker)
            else { continue }
            result[String(rest[rest.index(after: dot)...]), default: [:]][kind] = entry
        }
        return result
    }

    private static func decode(_ marker: Marker) -> Entry? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(Entry.self, from: Data(marker.value))
    }
}
