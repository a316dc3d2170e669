import Reliability
import SyncStore
import Testing

@testable import SyncEngine

/// Every job kind has the lane that runs it, and a notification for some kinds wakes exactly their lanes.
@Suite("worker lanes")
struct WorkerLaneTests {
    @Test func eachKindWakesTheLaneThatClaimsIt() {
        for kind in JobKind.allCases {
            let lane = WorkerLane(running: kind)
            let claimedBy: WorkerLane? =
                if DeltaWorker.deltaKinds.union(DeltaWorker.customerDeltaKinds).union([.orderSync]).contains(kind) {
                    .delta
                } else if DeltaWorker.reindexKinds.union([.marketValidate]).contains(kind) {
                    .reindex
                } else if DeltaWorker.historyKinds.contains(kind) {
                    .history
                } else {
                    nil
                }
            #expect(lane == claimedBy, "\(kind)")
        }
    }

    @Test func topicsAreDistinctAndKindsNotifyTheirLanesOnly() {
        let topics = WorkerLane.allCases.map(\.topic)
        #expect(Set(topics.map(\.rawValue)).count == topics.count)
        #expect(topics.allSatisfy { !$0.isEmpty })
        #expect(WorkSignal.Topics.jobs([.productSync, .priceRecordSync]) == WorkerLane.delta.topic)
        #expect(WorkSignal.Topics.jobs([.productSync, .orderImport]) == WorkerLane.delta.topic.union(WorkerLane.history.topic))
        #expect(WorkSignal.Topics.jobs([]).isEmpty)
    }
}
