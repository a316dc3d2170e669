import Foundation
import PostgresNIO
import SyncStore

extension PostgresSyncStore {
    /// The marker called `name`, or nil.
    public func marker(_ name: String) async throws -> Marker? {
        try await read("SELECT value, updated_at FROM markers WHERE name = \(name)").first.map { row in
            let (value, updatedAt) = try row.decode((Data, Double).self)
            return Marker(value: [UInt8](value), updatedAt: Date(seconds: updatedAt))
        }
    }

    /// Upserts the marker called `name`.
    public func setMarker(_ name: String, value: [UInt8], at: Date) async throws {
        _ = try await read(
            """
            INSERT INTO markers (name, value, updated_at) VALUES (\(name), \(Data(value)), \(at.seconds))
            ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at
            """)
    }

    /// Markers whose name starts with `prefix` (compared exactly, not as a LIKE pattern), by name.
    public func markers(prefix: String) async throws -> [String: Marker] {
        var markers: [String: Marker] = [:]
        for row in try await read("SELECT name, value, updated_at FROM markers WHERE starts_with(name, \(prefix)) ORDER BY name") {
            let (name, value, updatedAt) = try row.decode((String, Data, Double).self)
            markers[name] = Marker(value: [UInt8](value), updatedAt: Date(seconds: updatedAt))
        }
        return markers
    }
}
