import Foundation
import Reliability
import SyncStore

/// A worker's last sign of life, as readiness, `/metrics` and `status` read it.
public struct WorkerHeartbeat: Sendable, Equatable {
    /// The worker's lease owner name.
    public var owner: String
    /// When it last reported.
    public var lastSeen: Date
    /// Whether it said it stopped.
    public var stopped: Bool

    /// Whether it reported within `window` before `now` and has not stopped.
    public func isAlive(now: Date, within window: Duration = .seconds(60)) -> Bool {
        !stopped && now.timeIntervalSince(lastSeen) <= window.timeInterval
    }

    /// Every worker that ever reported to `store`, by owner.
    public static func all(in store: any SyncMarkers) async throws -> [WorkerHeartbeat] {
        let prefix = DeltaWorker.ScheduleMarker.heartbeatPrefix
        return try await store.markers(prefix: prefix).sorted { $0.key < $1.key }.map {
            WorkerHeartbeat(
                owner: String($0.key.dropFirst(prefix.count)), lastSeen: $0.value.updatedAt,
                stopped: $0.value.text == DeltaWorker.stoppedMarker)
        }
    }
}
