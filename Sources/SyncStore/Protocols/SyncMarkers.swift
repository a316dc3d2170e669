import Foundation

/// Small named values the background work keeps between runs and processes: when a schedule last
/// fired, where the modification sweep stands, the last run's summary, a worker's heartbeat.
public protocol SyncMarkers: Sendable {
    /// The marker called `name`, or nil when it was never set.
    func marker(_ name: String) async throws -> Marker?
    /// Sets (replaces) the marker called `name` at `at`.
    func setMarker(_ name: String, value: [UInt8], at: Date) async throws
    /// Every marker whose name starts with `prefix`, by name.
    func markers(prefix: String) async throws -> [String: Marker]
}

/// A stored marker value and when it was set.
public struct Marker: Sendable, Equatable {
    /// The value.
    public var value: [UInt8]
    /// When it was set.
    public var updatedAt: Date

    /// Creates a marker.
    public init(value: [UInt8], updatedAt: Date) {
        self.value = value
        self.updatedAt = updatedAt
    }

    /// The value as UTF-8 text.
    public var text: String { String(decoding: value, as: UTF8.self) }
}
