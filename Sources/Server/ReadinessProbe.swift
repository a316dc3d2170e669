import Foundation
import SyncEngine
import SyncStore

/// Decides whether the service can do its work; `GET /readyz` answers 503 with the problems otherwise.
public protocol ReadinessProbe: Sendable {
    /// What stands in the way, one line each; empty when ready.
    func problems() async -> [String]
}

/// Ready when the database answers and, if workers are expected, one recorded a heartbeat recently.
public struct StoreReadiness: ReadinessProbe {
    let queue: any JobQueue & SyncMarkers
    let expectWorkers: Bool
    let staleAfter: Duration

    /// Creates a probe; a worker whose last heartbeat is older than `staleAfter` does not count.
    public init(queue: any JobQueue & SyncMarkers, expectWorkers: Bool, staleAfter: Duration = .seconds(60)) {
        self.queue = queue
        self.expectWorkers = expectWorkers
        self.staleAfter = staleAfter
    }

    /// The problems found now.
    public func problems() async -> [String] {
        do {
            _ = try await queue.jobCounts()
        } catch {
            return ["database: \(error)"]
        }
        guard expectWorkers else { return [] }
        do {
            let now = Date()
            if !(try await WorkerHeartbeat.all(in: queue).contains { $0.isAlive(now: now, within: staleAfter) }) {
                return ["workers: no worker reported in the last \(staleAfter.components.seconds) s"]
            }
        } catch {
            return ["database: \(error)"]
        }
        return []
    }
}
