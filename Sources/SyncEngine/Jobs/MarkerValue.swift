import Foundation
import SyncStore

/// A `Codable` value kept in a ``SyncMarkers`` marker as JSON (dates as seconds since 1970); an empty value is none.
enum MarkerValue {
    /// The value of marker `name`, or nil when it is absent, empty or unreadable.
    static func read<T: Decodable>(_ type: T.Type, _ name: String, in markers: any SyncMarkers) async throws -> T? {
        guard let marker = try await markers.marker(name), !marker.value.isEmpty else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try? decoder.decode(T.self, from: Data(marker.value))
    }

    /// Sets marker `name` to `value`.
    static func write<T: Encodable>(_ value: T, _ name: String, in markers: any SyncMarkers, at: Date = Date()) async throws {
        try await markers.setMarker(name, value: encode(value), at: at)
    }

    /// Empties marker `name` (markers are never deleted).
    static func clear(_ name: String, in markers: any SyncMarkers, at: Date = Date()) async throws {
        try await markers.setMarker(name, value: [], at: at)
    }

    /// `value` as the JSON markers and job payloads hold.
    static func encode<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = .sortedKeys
        return (try? Array(encoder.encode(value))) ?? []
    }

    /// `bytes` read as `T`, or nil.
    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) -> T? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try? decoder.decode(T.self, from: Data(bytes))
    }
}
