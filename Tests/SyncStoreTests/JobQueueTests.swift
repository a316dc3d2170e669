import Foundation
import Reliability
import Testing
@testable import SyncStore

@Suite("job queue", .closesStores)
struct JobQueueTests {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)
    let product = JobKey(kind: .productSync, entity: "42")

    func at(_ seconds: Double) -> Date {
        t0.addingTimeInterval(seconds)
    }

    func bytes(_ text: String) -> [UInt8] {
        Array(text.utf8)
    }

    @Test(arguments: StoreBackend.all) func expediteEndsAWaitThatEnqueueKeeps(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        let sale = JobKey(kind: .orderSync, entity: "100")
        #expect(try await store.expedite(sale, now: t0) == false)
        _ = try await store.enqueue(sale, payload: bytes("webhook"), runAt: t0, now: t0)
        let claimed = try #require(try await store.claim(owner: "w", now: t0, lease: .seconds(30), limit: 1, kinds: nil).first)
        try await store.putBack(ids: [claimed.id], owner: "w", until: at(60), reason: .scheduled, now: t0)
        // A new enqueue keeps a retryable job's wait…
        _ = try await store.enqueue(sale, payload: bytes("purchase"), runAt: at(1), now: at(1))
        #expect(try await store.claim(owner: "w", now: at(2), lease: .seconds(30), limit: 1, kinds: nil).isEmpty)
        // …expedite ends it.
        #expect(try await store.expedite(sale, now: at(2)))
        let again = try await store.claim(owner: "w", now: at(2), lease: .seconds(30), limit: 1, kinds: nil)
        #expect(again.map(\.key) == [sale])
        #expect(again.first?.payload == bytes("purchase"))
    }

    @Test(arguments: StoreBackend.all) func burstForOneKeyCoalescesIntoOnePendingJob(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        let first = try await store.enqueue(product, payload: bytes("v0"), runAt: at(10), now: t0)
        guard case .inserted(let id) = first else {
            Issue.record("the first enqueue should insert, got \(first)")
            return
        }
        for index in 1..<500 {
            let outcome = try await store.enqueue(product, payload: bytes("v\(index)"), runAt: at(Double(10 + index)), now: at(1))
            #expect(outcome == .coalesced(id))
        }
        // An earlier runAt moves the pending job forward.
        #expect(try await store.enqueue(product, payload: bytes("last"), runAt: at(5), now: at(2)) == .coalesced(id))
        let pending = try await store.jobs(state: .available, limit: 10)
        #expect(pending.count == 1)
        let job = try #require(pending.first)
        #expect(job.id == id)
        #expect(job.key == product)
        #expect(job.payload == bytes("last"))
        #expect(job.runAt == at(5))
        #expect(job.attempts == 0)
        #expect(job.createdAt == t0)
        #expect(job.updatedAt == at(2))

        // Other keys (storefront, kind or entity differ) are separate jobs.
        let other = try await store.enqueue(JobKey(kind: .productSync, storefront: "en", entity: "42"), payload: [], runAt: t0, now: t0)
        let category = try await store.enqueue(JobKey(kind: .catalogRefresh, entity: "42"), payload: [], runAt: t0, now: t0)
        #expect(other.jobID != id && category.jobID != id && other.jobID != category.jobID)
        #expect(try await store.jobCounts()[.available] == 3)
    }

    @Test(arguments: StoreBackend.all) func enqueueWhileRunningCreatesAnotherJobThatWaitsForTheRun(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        let first = try await store.enqueue(product, payload: bytes("before"), runAt: t0, now: t0).jobID
        let claimed = try await store.claim(owner: "w1", now: t0, lease: .seconds(30), limit: 10, kinds: nil)
        #expect(claimed.map(\.id) == [first])

        let second = try await store.enqueue(product, payload: bytes("during"), runAt: at(1), now: at(1))
        #expect(second == .inserted(second.jobID))
        #expect(second.jobID != first)
        // Further changes during the run coalesce into that second job.
        #expect(try await store.enqueue(product, payload: bytes("during 2"), runAt: at(2), now: at(2)) == .coalesced(second.jobID))

        // The key is running under a valid lease: nobody takes the second job yet.
        #expect(try await store.claim(owner: "w2", now: at(3), lease: .seconds(30), limit: 10, kinds: nil).isEmpty)
        try await store.complete(ids: [first], owner: "w1", now: at(4))
        let next = try await store.claim(owner: "w2", now: at(4), lease: .seconds(30), limit: 10, kinds: nil)
        #expect(next.map(\.id) == [second.jobID])
        #expect(next.first?.payload == bytes("during 2"))

        let done = try #require(try await store.job(id: first))
        #expect(done.state == .completed)
        #expect(done.attempts == 1)
        #expect(done.leaseExpiresAt == nil)
    }

    @Test(arguments: StoreBackend.all) func claimOrderDueJobsLimitAndKinds(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        let late = try await store.enqueue(JobKey(kind: .productSync, entity: "1"), payload: [], runAt: at(20), now: t0).jobID
        let early = try await store.enqueue(JobKey(kind: .productSync, entity: "2"), payload: [], runAt: at(10), now: t0).jobID
        let tieA = try await store.enqueue(JobKey(kind: .catalogRefresh, entity: "3"), payload: [], runAt: at(15), now: t0).jobID
        let tieB = try await store.enqueue(JobKey(kind: .productSync, entity: "4"), payload: [], runAt: at(15), now: t0).jobID
        _ = try await store.enqueue(JobKey(kind: .productSync, entity: "5"), payload: [], runAt: at(100), now: t0)

        #expect(try await store.claim(owner: "w", now: at(9), lease: .seconds(30), limit: 10, kinds: nil).isEmpty)
        #expect(try await store.claim(owner: "w", now: at(20), lease: .seconds(30), limit: 10, kinds: []).isEmpty)
        #expect(try await store.claim(owner: "w", now: at(20), lease: .seconds(30), limit: 0, kinds: nil).isEmpty)

        let categories = try await store.claim(owner: "w", now: at(20), lease: .seconds(30), limit: 10, kinds: [.catalogRefresh])
        #expect(categories.map(\.id) == [tieA])

        let firstTwo = try await store.claim(owner: "w", now: at(20), lease: .seconds(30), limit: 2, kinds: nil)
        #expect(firstTwo.map(\.id) == [early, tieB])
        let job = try #require(firstTwo.first)
        #expect(job.state == .running)
        #expect(job.leaseOwner == "w")
        #expect(job.leaseExpiresAt == at(50))
        #expect(job.attempts == 0)

        #expect(try await store.claim(owner: "w", now: at(20), lease: .seconds(30), limit: 10, kinds: nil).map(\.id) == [late])
        #expect(try await store.claim(owner: "w", now: at(20), lease: .seconds(30), limit: 10, kinds: nil).isEmpty)
        #expect(tieA < tieB)
    }

    @Test(arguments: StoreBackend.all) func expiredLeaseIsTakenOverAndTheOldOwnerIsRefused(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        let id = try await store.enqueue(product, payload: bytes("p"), runAt: t0, now: t0).jobID
        #expect(try await store.claim(owner: "crashed", now: t0, lease: .seconds(30), limit: 1, kinds: nil).map(\.id) == [id])
        // Still leased: nobody else gets it.
        #expect(try await store.claim(owner: "w2", now: at(29), lease: .seconds(30), limit: 1, kinds: nil).isEmpty)

        let takenOver = try await store.claim(owner: "w2", now: at(30), lease: .milliseconds(60_500), limit: 1, kinds: nil)
        #expect(takenOver.map(\.id) == [id])
        #expect(takenOver.first?.leaseOwner == "w2")
        #expect(takenOver.first?.leaseExpiresAt == at(90.5))

        // The old owner's completion, put-back and renewal leave the new owner's job alone; its failure is refused.
        try await store.complete(ids: [id], owner: "crashed", now: at(31))
        try await store.putBack(ids: [id], owner: "crashed", until: at(40), reason: .outage, now: at(31))
        try await store.renewLeases(ids: [id], owner: "crashed", until: at(100))
        await #expect(throws: SyncStoreError.leaseLost(jobID: id, owner: "crashed")) {
            try await store.fail(id: id, owner: "crashed", error: "late", retryAt: at(40), now: at(31))
        }
        await #expect(throws: SyncStoreError.jobNotFound(id: 999)) {
            try await store.fail(id: 999, owner: "w2", error: "late", retryAt: nil, now: at(31))
        }
        let untouched = try #require(try await store.job(id: id))
        #expect(untouched.state == .running)
        #expect(untouched.leaseOwner == "w2")
        #expect(untouched.leaseExpiresAt == at(90.5))
        #expect(untouched.attempts == 0)
        #expect(untouched.history.isEmpty)

        try await store.renewLeases(ids: [id], owner: "w2", until: at(200))
        #expect(try await store.claim(owner: "w3", now: at(150), lease: .seconds(30), limit: 1, kinds: nil).isEmpty)
        try await store.complete(ids: [id], owner: "w2", now: at(151))
        let done = try #require(try await store.job(id: id))
        #expect(done.state == .completed)
        #expect(done.attempts == 1)
        // Completing twice changes nothing.
        try await store.complete(ids: [id], owner: "w2", now: at(152))
        let still = try #require(try await store.job(id: id))
        #expect(still.attempts == 1 && still.updatedAt == at(151))
    }

    @Test(arguments: StoreBackend.all) func transientFailureIsRetryableAtRetryAt(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        let id = try await store.enqueue(product, payload: bytes("p"), runAt: t0, now: t0).jobID
        _ = try await store.claim(owner: "w", now: t0, lease: .seconds(30), limit: 1, kinds: nil)
        let state = try await store.fail(id: id, owner: "w", error: "HTTP 503", retryAt: at(8), now: at(1))
        #expect(state == .retryable)
        let job = try #require(try await store.job(id: id))
        #expect(job.state == .retryable)
        #expect(job.runAt == at(8))
        #expect(job.attempts == 1)
        #expect(job.lastError == "HTTP 503")
        #expect(job.history == [JobAttempt(at: at(1), error: "HTTP 503", transient: true)])
        #expect(job.leaseExpiresAt == nil)

        // A new change coalesces but does not cut the backoff short.
        #expect(try await store.enqueue(product, payload: bytes("p2"), runAt: at(2), now: at(2)) == .coalesced(id))
        #expect(try await store.job(id: id)?.runAt == at(8))
        #expect(try await store.claim(owner: "w", now: at(7.9), lease: .seconds(30), limit: 1, kinds: nil).isEmpty)
        let retried = try await store.claim(owner: "w", now: at(8), lease: .seconds(30), limit: 1, kinds: nil)
        #expect(retried.map(\.id) == [id])
        #expect(retried.first?.payload == bytes("p2"))
        #expect(retried.first?.attempts == 1)
    }

    @Test(arguments: StoreBackend.all) func onlyAnOutageWaitGivesWayToANewChangeAndARecoveryBringsItForward(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        var ids: [WaitReason: Int64] = [:]
        for (index, reason) in WaitReason.allCases.enumerated() {
            let key = JobKey(kind: .productSync, entity: "\(index + 1)")
            let id = try await store.enqueue(key, payload: [], runAt: t0, now: t0).jobID
            _ = try await store.claim(owner: "w", now: t0, lease: .seconds(30), limit: 10, kinds: nil)
            try await store.putBack(ids: [id], owner: "w", until: at(600), reason: reason, now: at(1))
            #expect(try await store.job(id: id)?.waitReason == reason)
            _ = try await store.enqueue(key, payload: bytes("changed"), runAt: at(2), now: at(2))
            ids[reason] = id
        }
        for (reason, id) in ids {
            let runAt = try #require(try await store.job(id: id)).runAt
            let givesWay = reason == .outage || reason == .interrupted
            #expect(runAt == (givesWay ? at(2) : at(600)), "\(reason)")
        }

        // Outage waits not cut short by a change are all brought forward when the dependency answers again.
        let waiting = try await store.enqueue(JobKey(kind: .productSync, entity: "99"), payload: [], runAt: t0, now: t0).jobID
        _ = try await store.claim(owner: "w", now: at(3), lease: .seconds(30), limit: 10, kinds: nil)
        try await store.putBack(ids: [waiting], owner: "w", until: at(900), reason: .outage, now: at(3))
        #expect(try await store.resumeAfterOutage(now: at(4)) == 1)
        let resumed = try #require(try await store.job(id: waiting))
        #expect(resumed.runAt == at(4) && resumed.waitReason == nil)
        #expect(try await store.job(id: ids[.retryAfter]!)?.runAt == at(600))
        #expect(try await store.resumeAfterOutage(now: at(5)) == 0)
    }

    @Test(arguments: StoreBackend.all) func permanentFailureIsDeadWithPayloadAndEveryAttempt(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        let id = try await store.enqueue(product, payload: bytes("the request"), runAt: t0, now: t0).jobID
        _ = try await store.claim(owner: "w", now: t0, lease: .seconds(30), limit: 1, kinds: nil)
        try await store.fail(id: id, owner: "w", error: "timeout", retryAt: at(2), now: at(1))
        _ = try await store.claim(owner: "w", now: at(2), lease: .seconds(30), limit: 1, kinds: nil)
        let state = try await store.fail(id: id, owner: "w", error: "ParsingError", retryAt: nil, now: at(3))
        #expect(state == .dead)
        let job = try #require(try await store.job(id: id))
        #expect(job.state == .dead)
        #expect(job.payload == bytes("the request"))
        #expect(job.attempts == 2)
        #expect(job.lastError == "ParsingError")
        #expect(job.history == [
            JobAttempt(at: at(1), error: "timeout", transient: true),
            JobAttempt(at: at(3), error: "ParsingError", transient: false),
        ])
        #expect(try await store.claim(owner: "w", now: at(1_000), lease: .seconds(30), limit: 1, kinds: nil).isEmpty)
        #expect(try await store.jobs(state: .dead, limit: 10).map(\.id) == [id])

        // A dead job does not block new work for its key.
        #expect(try await store.enqueue(product, payload: [], runAt: at(5), now: at(5)) != .coalesced(id))
    }

    @Test(arguments: StoreBackend.all) func maxAttemptsMakesTheJobDead(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        let id = try await store.enqueue(product, payload: [], runAt: t0, now: t0).jobID
        var states: [JobState] = []
        for attempt in 0..<3 {
            let now = at(Double(attempt * 10))
            #expect(try await store.claim(owner: "w", now: now, lease: .seconds(5), limit: 1, kinds: nil).map(\.id) == [id])
            // The runner gives no retry time once the attempts are used up.
            states.append(try await store.fail(
                id: id, owner: "w", error: "HTTP 500 #\(attempt)", retryAt: attempt < 2 ? now.addingTimeInterval(10) : nil,
                now: now.addingTimeInterval(1)
            ))
        }
        #expect(states == [.retryable, .retryable, .dead])
        let job = try #require(try await store.job(id: id))
        #expect(job.attempts == 3)
        #expect(job.history.map(\.error) == ["HTTP 500 #0", "HTTP 500 #1", "HTTP 500 #2"])
    }

    @Test(arguments: StoreBackend.all) func deferDoesNotCountAnAttempt(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        let id = try await store.enqueue(product, payload: [], runAt: t0, now: t0).jobID
        _ = try await store.claim(owner: "w", now: t0, lease: .seconds(30), limit: 1, kinds: nil)
        try await store.putBack(ids: [id], owner: "w", until: at(60), reason: .scheduled, now: at(1))
        let job = try #require(try await store.job(id: id))
        #expect(job.state == .retryable)
        #expect(job.runAt == at(60))
        #expect(job.attempts == 0)
        #expect(job.history.isEmpty)
        #expect(try await store.claim(owner: "w", now: at(59), lease: .seconds(30), limit: 1, kinds: nil).isEmpty)
        #expect(try await store.claim(owner: "w", now: at(60), lease: .seconds(30), limit: 1, kinds: nil).map(\.id) == [id])
        try await store.complete(ids: [id], owner: "w", now: at(61))
        #expect(try await store.job(id: id)?.attempts == 1)
    }

    @Test(arguments: StoreBackend.all) func failureWithNewerPendingWorkKeepsOnePendingJob(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        let running = try await store.enqueue(product, payload: bytes("old"), runAt: t0, now: t0).jobID
        _ = try await store.claim(owner: "w", now: t0, lease: .seconds(30), limit: 1, kinds: nil)
        let newer = try await store.enqueue(product, payload: bytes("new"), runAt: at(1), now: at(1)).jobID
        let state = try await store.fail(id: running, owner: "w", error: "HTTP 503", retryAt: at(9), now: at(2))
        #expect(state == .retryable)
        #expect(try await store.job(id: running) == nil)
        let job = try #require(try await store.job(id: newer))
        #expect(job.state == .retryable)
        #expect(job.payload == bytes("new"))
        #expect(job.runAt == at(9))
        #expect(job.attempts == 1)
        #expect(job.history.map(\.error) == ["HTTP 503"])
        let counts = try await store.jobCounts()
        #expect(counts[.retryable] == 1)
        #expect(counts[.available] == 0)

        // The same for a deferral: the newer job waits, without an extra attempt.
        _ = try await store.claim(owner: "w", now: at(9), lease: .seconds(30), limit: 1, kinds: nil)
        let newest = try await store.enqueue(product, payload: bytes("newest"), runAt: at(10), now: at(10)).jobID
        try await store.putBack(ids: [newer], owner: "w", until: at(70), reason: .scheduled, now: at(11))
        let deferred = try #require(try await store.job(id: newest))
        #expect(deferred.state == .retryable)
        #expect(deferred.runAt == at(70))
        #expect(deferred.attempts == 1)
        #expect(deferred.payload == bytes("newest"))
    }

    @Test(arguments: StoreBackend.all) func requeueReplaysADeadJob(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        let id = try await store.enqueue(product, payload: bytes("p"), runAt: t0, now: t0).jobID
        await #expect(throws: SyncStoreError.jobNotDead(id: id, state: .available)) {
            try await store.requeue(id: id, now: t0)
        }
        await #expect(throws: SyncStoreError.jobNotFound(id: 999)) {
            try await store.requeue(id: 999, now: t0)
        }
        _ = try await store.claim(owner: "w", now: t0, lease: .seconds(30), limit: 1, kinds: nil)
        try await store.fail(id: id, owner: "w", error: "LogicalError", retryAt: nil, now: at(1))

        #expect(try await store.requeue(id: id, now: at(100)) == .inserted(id))
        let job = try #require(try await store.job(id: id))
        #expect(job.state == .available)
        #expect(job.runAt == at(100))
        #expect(job.attempts == 0)
        #expect(job.payload == bytes("p"))
        #expect(job.history.map(\.error) == ["LogicalError"])
        #expect(try await store.claim(owner: "w", now: at(100), lease: .seconds(30), limit: 1, kinds: nil).map(\.id) == [id])

        // A dead job whose key already has newer pending work merges into it.
        try await store.fail(id: id, owner: "w", error: "LogicalError again", retryAt: nil, now: at(101))
        let pending = try await store.enqueue(product, payload: bytes("newer"), runAt: at(500), now: at(102)).jobID
        #expect(try await store.requeue(id: id, now: at(200)) == .coalesced(pending))
        #expect(try await store.job(id: id) == nil)
        let merged = try #require(try await store.job(id: pending))
        #expect(merged.runAt == at(200))
        #expect(merged.payload == bytes("newer"))
        #expect(merged.history.map(\.error) == ["LogicalError", "LogicalError again"])
    }

    @Test(arguments: StoreBackend.all) func countsOldestPendingAndPurge(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        #expect(try await store.jobCounts() == [.available: 0, .running: 0, .retryable: 0, .completed: 0, .dead: 0])
        #expect(try await store.oldestPendingRunAt() == nil)

        let a = try await store.enqueue(JobKey(kind: .productSync, entity: "a"), payload: [], runAt: at(5), now: t0).jobID
        let b = try await store.enqueue(JobKey(kind: .productSync, entity: "b"), payload: [], runAt: at(1), now: t0).jobID
        let c = try await store.enqueue(JobKey(kind: .productSync, entity: "c"), payload: [], runAt: at(3), now: t0).jobID
        _ = try await store.enqueue(JobKey(kind: .productSync, entity: "d"), payload: [], runAt: at(9), now: t0)
        #expect(try await store.oldestPendingRunAt() == at(1))

        #expect(try await store.claim(owner: "w", now: at(5), lease: .seconds(30), limit: 3, kinds: nil).map(\.id) == [b, c, a])
        try await store.complete(ids: [b], owner: "w", now: at(6))
        try await store.fail(id: c, owner: "w", error: "x", retryAt: nil, now: at(7))
        try await store.fail(id: a, owner: "w", error: "y", retryAt: at(20), now: at(8))
        #expect(try await store.jobCounts() == [.available: 1, .running: 0, .retryable: 1, .completed: 1, .dead: 1])
        #expect(try await store.oldestPendingRunAt() == at(9))

        #expect(try await store.purgeCompleted(before: at(6)) == 0)
        #expect(try await store.purgeCompleted(before: at(6.5)) == 1)
        #expect(try await store.job(id: b) == nil)
        #expect(try await store.jobCounts()[.completed] == 0)
    }

    @Test func jobsSurviveReopeningTheFile() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("store.sqlite").path
            let (running, pending): (Int64, Int64)
            do {
                let store = try SQLiteSyncStore(path: path)
                running = try await store.enqueue(product, payload: bytes("r"), runAt: t0, now: t0).jobID
                _ = try await store.claim(owner: "crashed", now: t0, lease: .seconds(30), limit: 1, kinds: nil)
                pending = try await store.enqueue(JobKey(kind: .productSync, entity: "2"), payload: bytes("p"), runAt: at(1), now: t0).jobID
            }
            let store = try SQLiteSyncStore(path: path)
            #expect(try await store.jobCounts()[.running] == 1)
            let claimed = try await store.claim(owner: "restarted", now: at(60), lease: .seconds(30), limit: 10, kinds: nil)
            #expect(claimed.map(\.id) == [running, pending])
            #expect(claimed.map(\.payload) == [bytes("r"), bytes("p")])
            #expect(claimed.allSatisfy { $0.leaseOwner == "restarted" })
        }
    }

    @Test func concurrentClaimsNeverShareAJob() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteSyncStore(path: directory.appendingPathComponent("store.sqlite").path)
            for entity in 0..<200 {
                _ = try await store.enqueue(JobKey(kind: .productSync, entity: "\(entity)"), payload: [], runAt: t0, now: t0)
            }
            let now = t0
            let claims = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        var ids: [Int64] = []
                        while true {
                            let batch = try await store.claim(owner: "w\(worker)", now: now, lease: .seconds(30), limit: 7, kinds: nil)
                            if batch.isEmpty { return ids }
                            ids += batch.map(\.id)
                        }
                    }
                }
                return try await group.reduce(into: [Int64]()) { $0 += $1 }
            }
            #expect(claims.count == 200)
            #expect(Set(claims).count == 200)
        }
    }
}
