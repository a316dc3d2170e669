import Foundation
import GRDB

extension SQLiteSyncStore: SyncMarkers {
    /// The marker called `name`, or nil.
    public func marker(_ name: String) async throws -> Marker? {
        try await writer.read { db in
            try SQLRequest<MarkerRow>(literal: "SELECT * FROM markers WHERE name = \(name)", cached: true).fetchOne(db)?.marker
        }
    }

    /// Upserts the marker called `name`.
    public func setMarker(_ name: String, value: [UInt8], at: Date) async throws {
        try await writer.write { db in
            try MarkerRow(name: name, value: Data(value), updatedAt: at).upsert(db)
        }
    }

    /// Markers whose name starts with `prefix` (compared exactly, not as a LIKE pattern).
    public func markers(prefix: String) async throws -> [String: Marker] {
        try await writer.read { db in
            let rows = try SQLRequest<MarkerRow>(literal: """
                SELECT * FROM markers WHERE substr(name, 1, \(prefix.utf8.count)) = \(prefix) ORDER BY name
                """).fetchAll(db)
            return Dictionary(uniqueKeysWithValues: rows.map { ($0.name, $0.marker) })
        }
    }
}
