import Foundation
import GRDB

extension SQLiteSyncStore: SyncMarkers {
    /// The marker called `name`, or nil.
    public func marker(_ name: String) async throws -> Marker? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT value, updated_at FROM markers WHERE name = ?", arguments: [name]).map {
                Marker(value: [UInt8]($0["value"] as Data), updatedAt: Date(timeIntervalSince1970: $0["updated_at"]))
            }
        }
    }

    /// Upserts the marker called `name`.
    public func setMarker(_ name: String, value: [UInt8], at: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO markers (name, value, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                    """,
                arguments: [name, Data(value), at.timeIntervalSince1970])
        }
    }

    /// Markers whose name starts with `prefix` (compared exactly, not as a LIKE pattern).
    public func markers(prefix: String) async throws -> [String: Marker] {
        try await writer.read { db in
            var result: [String: Marker] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT name, value, updated_at FROM markers WHERE substr(name, 1, ?) = ? ORDER BY name",
                arguments: [prefix.utf8.count, prefix])
            {
                result[row["name"]] = Marker(value: [UInt8](row["value"] as Data), updatedAt: Date(timeIntervalSince1970: row["updated_at"]))
            }
            return result
        }
    }
}
