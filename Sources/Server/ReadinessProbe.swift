import Foundation
import Reliability
import StorefrontRegistry
import SyncEngine
import SyncStore

/// Decides whether the service can do its work; `GET /readyz` answers 503 with the problems otherwise.
public protocol ReadinessProbe: Sendable {
    /// What stands in the way, one line each; empty when ready.
    func problems() async -> [String]
}

/// Ready when the database answers, BigCommerce and Clerk answer (as this process's calls found them), the
/// storefronts are resolved and, if workers are expected, one recorded a heartbeat recently. Each problem names
/// what is down, since when and why.
public struct StoreReadiness: ReadinessProbe {
    let queue: any JobQueue & SyncMarkers
    let expectWorkers: Bool
    let health: DependencyHealth?
    let storefronts: StorefrontRegistry?
    let staleAfter: Duration

    /// Creates a probe; a worker whose last heartbeat is older than `staleAfter` does not count.
    public init(
        queue: any JobQueue & SyncMarkers, expectWorkers: Bool, health: DependencyHealth? = nil,
        storefronts: StorefrontRegistry? = nil, staleAfter: Duration = .seconds(60)
    ) {
        self.queue = queue
        self.expectWorkers = expectWorkers
        self.health = health
        self.storefronts = storefronts
        self.staleAfter = staleAfter
    }

    /// The problems found now.
    public func problems() async -> [String] {
        do {
            _ = try await queue.jobCounts()
        } catch {
            return ["database: \(error)"]
        }
        var problems = (health?.outages ?? []).map { outage in
            "\(outage.dependency): unavailable since \(outage.since.formatted(.iso8601)) (\(outage.reason))"
        }
        if let storefronts, storefronts.resolved == nil {
            problems.append("storefronts: not resolved from the store yet")
        }
        guard expectWorkers else { return problems }
        do {
            let now = Date()
            if !(try await WorkerHeartbeat.all(in: queue).contains { $0.isAlive(now: now, within: staleAfter) }) {
                problems.append("workers: no worker reported in the last \(Int(staleAfter.timeInterval)) s")
            }
        } catch {
            return ["database: \(error)"]
        }
        return problems
    }
}
