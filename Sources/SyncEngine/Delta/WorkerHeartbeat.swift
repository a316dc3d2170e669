import Foundation
import Reliability
import SyncStore

/// A worker's last sign of life, as readiness, `/metrics` and `status` read it: when it last reported, whether it
/// stopped, and which dependencies it found down.
public struct WorkerHeartbeat: Sendable, Equatable {
    /// A dependency the worker found down.
    public struct Outage: Sendable, Codable, Equatable {
        /// Which one (`bigcommerce`, `clerk`, `database`).
        public var dependency: String
        /// Since when.
        public var since: Date
        /// The error that showed it.
        public var reason: String
    }

    /// What a worker records in its marker.
    struct Report: Codable {
        var stopped: Bool
        var outages: [Outage]
    }

    /// The worker's lease owner name.
    public var owner: String
    /// When it last reported.
    public var lastSeen: Date
    /// Whether it said it stopped.
    public var stopped: Bool
    /// The dependencies it found down when it last reported.
    public var outages: [Outage]

    /// Whether it reported within `window` before `now` and has not stopped.
    public func isAlive(now: Date, within window: Duration = .seconds(60)) -> Bool {
        !stopped && now.timeIntervalSince(lastSeen) <= window.timeInterval
    }

    /// The marker value of a worker that is `stopped` or not, and finds `health`'s outages.
    static func value(stopped: Bool, health: DependencyHealth) -> [UInt8] {
        let outages = health.outages.map { Outage(dependency: $0.dependency.rawValue, since: $0.since, reason: $0.reason) }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        return Array((try? encoder.encode(Report(stopped: stopped, outages: outages))) ?? Data())
    }

    /// Every worker that ever reported to `store`, by owner.
    public static func all(in store: any SyncMarkers) async throws -> [WorkerHeartbeat] {
        let prefix = DeltaWorker.ScheduleMarker.heartbeatPrefix
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try await store.markers(prefix: prefix).sorted { $0.key < $1.key }.map {
            let report = try? decoder.decode(Report.self, from: Data($0.value.value))
            return WorkerHeartbeat(
                owner: String($0.key.dropFirst(prefix.count)), lastSeen: $0.value.updatedAt,
                stopped: report?.stopped ?? ($0.value.text == "stopped"), outages: report?.outages ?? [])
        }
    }
}
