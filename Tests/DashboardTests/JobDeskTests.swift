import Dashboard
import Foundation
import Reliability
import SyncEngine
import SyncStore
import Testing

@Suite("job desk")
struct JobDeskTests {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func retryingADeadJobQueuesItAndResolvesItsLetters() async throws {
        let store = try SQLiteSyncStore.inMemory()
        let key = JobKey(kind: .catalogRefresh, entity: "store")
        let id = try await store.enqueue(key, payload: [], runAt: t0, now: t0).jobID
        _ = try await store.claim(owner: "w", now: t0, lease: .seconds(30), limit: 1, kinds: nil)
        try await store.fail(id: id, owner: "w", error: "HTTP 500", retryAt: nil, now: t0)
        try await store.addDeadLetter(DeadLetterDraft(storefront: nil, kind: "catalog.refresh", entityID: "store", error: "HTTP 500"), at: t0)
        let signal = WorkSignal()
        let desk = JobDesk(store: store, signal: signal, mask: SecretMask(secrets: []))

        #expect(try await desk.retry(id: id, now: t0.addingTimeInterval(5)) == JobAction(id: id, outcome: .queued, jobID: id))
        let job = try #require(try await store.job(id: id))
        #expect(job.state == .available && job.attempts == 0 && job.runAt == t0.addingTimeInterval(5))
        #expect(try await store.countDeadLetters(matching: DeadLetterFilter()) == 0)
    }

    @Test func retryingAWaitingJobMakesItDueAndRunningOrCompletedOnesAreRefused() async throws {
        let store = try SQLiteSyncStore.inMemory()
        let later = try await store.enqueue(JobKey(kind: .orderSync, entity: "9"), payload: [], runAt: t0.addingTimeInterval(600), now: t0).jobID
        let running = try await store.enqueue(JobKey(kind: .productSync, entity: "1"), payload: [], runAt: t0, now: t0).jobID
        _ = try await store.claim(owner: "w", now: t0, lease: .seconds(30), limit: 1, kinds: [.productSync])
        let desk = JobDesk(store: store, signal: nil, mask: SecretMask(secrets: []))

        #expect(try await desk.retry(id: later, now: t0.addingTimeInterval(1)) == JobAction(id: later, outcome: .dueNow, jobID: later))
        #expect(try await store.job(id: later)?.runAt == t0.addingTimeInterval(1))
        do {
            _ = try await desk.retry(id: running)
            Issue.record("a running job was retried")
        } catch let error as DashboardError {
            #expect(error.code == "not_retryable" && error.kind == .conflict)
        }
        do {
            _ = try await desk.cancel(id: running)
            Issue.record("a running job was cancelled")
        } catch let error as DashboardError {
            #expect(error.code == "not_cancellable")
        }
        await #expect(throws: DashboardError(.notFound, code: "not_found", message: "no job with id 77")) {
            try await desk.retry(id: 77)
        }
    }

    @Test func cancellingSetsAWaitingJobAsideUntilItIsRetried() async throws {
        let store = try SQLiteSyncStore.inMemory()
        let id = try await store.enqueue(JobKey(kind: .orderSync, entity: "9"), payload: Array(#"{"source":"webhook"}"#.utf8), runAt: t0, now: t0).jobID
        let desk = JobDesk(store: store, signal: nil, mask: SecretMask(secrets: []))
        #expect(try await desk.cancel(id: id, now: t0) == JobAction(id: id, outcome: .cancelled, jobID: nil))
        let detail = try await desk.detail(id: id)
        #expect(detail.state == "dead")
        #expect(detail.lastError == "cancelled from the dashboard at 2023-11-14T22:13:20Z")
        #expect(detail.payload == #"{"source":"webhook"}"#)
        #expect(detail.history?.map(\.transient) == [false])
        #expect(try await desk.list(JobFilter(state: .dead)).map(\.id) == [id])
        #expect(try await desk.retry(id: id, now: t0).outcome == .queued)
        #expect(try await store.job(id: id)?.state == .available)
    }
}
