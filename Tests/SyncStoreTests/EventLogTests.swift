import Foundation
import Reliability
import Testing

@testable import SyncStore

/// The shopper event log: durable appends, per-storefront dedupe, leased forwarding in order.
@Suite("event log", .closesStores)
struct EventLogTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func event(_ id: String, storefront: String = "main", type: String = "product_viewed", visitor: String = "v1") -> ShopperEvent {
        ShopperEvent(
            eventID: id, storefront: storefront, type: type, visitor: visitor, occurredAt: t0,
            payload: Array(#"{"id":"\#(id)"}"#.utf8))
    }

    @Test(arguments: StoreBackend.all) func appendsStoreOnceAndRecogniseDuplicatesPerStorefront(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        let first = try await store.append([event("a"), event("b"), event("a"), event("a", storefront: "outlet")], now: t0)
        guard case .stored(let a) = first[0], case .stored = first[1], case .stored = first[3] else {
            Issue.record("expected stored events, got \(first)")
            return
        }
        #expect(first[2] == .duplicate(a))
        let again = try await store.append([event("b"), event("c")], now: t0)
        #expect(again[0] == .duplicate(try #require(first[1].storedID)))
        #expect(again[1].storedID != nil)
        #expect(try await store.eventCounts()[.pending] == 4)
    }

    @Test(arguments: StoreBackend.all) func forwardingClaimsInOrderUnderALeaseThatExpires(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        _ = try await store.append((1...5).map { event("e\($0)", visitor: "v\($0)") }, now: t0)
        let claimed = try await store.claimEvents(owner: "f1", now: t0, lease: .seconds(30), limit: 3)
        #expect(claimed.map(\.event.eventID) == ["e1", "e2", "e3"])
        #expect(claimed.allSatisfy { $0.state == .forwarding })
        let rest = try await store.claimEvents(owner: "f2", now: t0, lease: .seconds(30), limit: 10)
        #expect(rest.map(\.event.eventID) == ["e4", "e5"])
        #expect(try await store.claimEvents(owner: "f2", now: t0.addingTimeInterval(10), lease: .seconds(30), limit: 10).isEmpty)

        try await store.markForwarded(ids: claimed.prefix(2).map(\.id), owner: "f1", now: t0)
        // f1 crashed holding e3: after its lease another forwarder takes it, and f1's late result is ignored.
        let taken = try await store.claimEvents(owner: "f3", now: t0.addingTimeInterval(31), lease: .seconds(30), limit: 10)
        #expect(taken.map(\.event.eventID) == ["e3", "e4", "e5"])
        try await store.markForwarded(ids: [claimed[2].id], owner: "f1", now: t0)
        await #expect(throws: SyncStoreError.self) {
            try await store.markFailed(id: claimed[2].id, owner: "f1", error: "late", retryAt: t0, now: t0)
        }
        let counts = try await store.eventCounts()
        #expect(counts[.forwarded] == 2 && counts[.forwarding] == 3)
    }

    @Test(arguments: StoreBackend.all) func oneVisitorsEventsAreClaimedInOrderWhateverTheForwarder(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        _ = try await store.append(
            [event("a1", visitor: "a"), event("b1", visitor: "b"), event("a2", visitor: "a"), event("a3", visitor: "a"),
             event("b2", visitor: "b"), event("c1", visitor: "c")],
            now: t0)
        // The batch ends inside visitor a's events: the rest wait for the lease on a2.
        let first = try await store.claimEvents(owner: "f1", now: t0, lease: .seconds(30), limit: 3)
        #expect(first.map(\.event.eventID) == ["a1", "b1", "a2"])
        let second = try await store.claimEvents(owner: "f2", now: t0, lease: .seconds(30), limit: 10)
        #expect(second.map(\.event.eventID) == ["c1"])
        // a1 forwarded, a2 fails and waits for its retry: a3 waits behind it; b1 forwarded frees b2.
        try await store.markForwarded(ids: [first[0].id, first[1].id], owner: "f1", now: t0)
        try await store.markFailed(id: first[2].id, owner: "f1", error: "503", retryAt: t0.addingTimeInterval(10), now: t0)
        #expect(try await store.claimEvents(owner: "f2", now: t0.addingTimeInterval(1), lease: .seconds(30), limit: 10)
            .map(\.event.eventID) == ["b2"])
        // Due again, a2 goes with a3, in order; a dead event holds nothing back.
        let retried = try await store.claimEvents(owner: "f3", now: t0.addingTimeInterval(10), lease: .seconds(30), limit: 10)
        #expect(retried.map(\.event.eventID) == ["a2", "a3"])
        try await store.markFailed(id: retried[0].id, owner: "f3", error: "refused", retryAt: nil, now: t0)
        try await store.deferEvents(ids: [retried[1].id], owner: "f3", until: t0, reason: .interrupted, now: t0)
        #expect(try await store.claimEvents(owner: "f4", now: t0.addingTimeInterval(11), lease: .seconds(30), limit: 10)
            .map(\.event.eventID) == ["a3"])
    }

    @Test(arguments: StoreBackend.all) func failuresRetryThenDieAndDeferralsDoNotCount(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        _ = try await store.append([event("x"), event("y")], now: t0)
        var claimed = try await store.claimEvents(owner: "f", now: t0, lease: .seconds(30), limit: 10)
        try await store.deferEvents(ids: [claimed[1].id], owner: "f", until: t0.addingTimeInterval(60), reason: .outage, now: t0)
        #expect(try await store.markFailed(
            id: claimed[0].id, owner: "f", error: "503", retryAt: t0.addingTimeInterval(5), now: t0) == .pending)
        #expect(try await store.claimEvents(owner: "f", now: t0.addingTimeInterval(4), lease: .seconds(30), limit: 10).isEmpty)
        claimed = try await store.claimEvents(owner: "f", now: t0.addingTimeInterval(5), lease: .seconds(30), limit: 10)
        #expect(claimed.map(\.event.eventID) == ["x"] && claimed[0].attempts == 1 && claimed[0].lastError == "503")
        #expect(try await store.markFailed(
            id: claimed[0].id, owner: "f", error: "503 again", retryAt: nil, now: t0) == .dead)
        let deferred = try await store.claimEvents(owner: "f", now: t0.addingTimeInterval(60), lease: .seconds(30), limit: 10)
        #expect(deferred.map(\.event.eventID) == ["y"] && deferred[0].attempts == 0)
        #expect(try await store.eventCounts()[.dead] == 1)
    }

    @Test(arguments: StoreBackend.all) func anOutageWaitEndsWhenClerkAnswersAndLeasesAreRenewedOnlyByTheirOwner(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        _ = try await store.append([event("a"), event("b")], now: t0)
        let claimed = try await store.claimEvents(owner: "f", now: t0, lease: .seconds(15), limit: 10)
        try await store.renewEventLeases(ids: claimed.map(\.id), owner: "f", until: t0.addingTimeInterval(45))
        try await store.renewEventLeases(ids: claimed.map(\.id), owner: "other", until: t0.addingTimeInterval(600))
        // Renewed by "f" to 45 s, so nobody takes them over at 30 s, but they are free at 45 s.
        #expect(try await store.claimEvents(owner: "g", now: t0.addingTimeInterval(30), lease: .seconds(15), limit: 10).isEmpty)
        let taken = try await store.claimEvents(owner: "g", now: t0.addingTimeInterval(45), lease: .seconds(15), limit: 10)
        #expect(taken.count == 2)
        try await store.deferEvents(ids: [taken[0].id], owner: "g", until: t0.addingTimeInterval(900), reason: .outage, now: t0)
        try await store.deferEvents(ids: [taken[1].id], owner: "g", until: t0.addingTimeInterval(900), reason: .retryAfter, now: t0)
        #expect(try await store.resumeEventsAfterOutage(now: t0.addingTimeInterval(50)) == 1)
        let due = try await store.claimEvents(owner: "g", now: t0.addingTimeInterval(50), lease: .seconds(15), limit: 10)
        #expect(due.map(\.event.eventID) == ["a"] && due[0].attempts == 0)
    }

    @Test(arguments: StoreBackend.all) func purgingForwardedEventsEndsTheirDeduplication(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        _ = try await store.append([event("old"), event("kept")], now: t0)
        let claimed = try await store.claimEvents(owner: "f", now: t0, lease: .seconds(30), limit: 1)
        try await store.markForwarded(ids: claimed.map(\.id), owner: "f", now: t0)
        #expect(try await store.purgeForwardedEvents(before: t0.addingTimeInterval(1)) == 1)
        #expect(try await store.append([event("old")], now: t0.addingTimeInterval(2))[0].storedID != nil)
        #expect(try await store.append([event("kept")], now: t0.addingTimeInterval(2))[0].storedID == nil)
    }
}

extension AppendOutcome {
    var storedID: Int64? {
        if case .stored(let id) = self { return id }
        return nil
    }
}
