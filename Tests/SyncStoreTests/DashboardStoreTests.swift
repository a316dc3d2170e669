import Foundation
import Testing
@testable import SyncStore

/// What ``DashboardStore`` must answer: every backend runs these.
@Suite("dashboard store", .closesStores)
struct DashboardStoreTests {
    let t0 = Date(timeIntervalSince1970: 1_700_000_040)

    func letter(_ entity: String, storefront: String? = "en", kind: String = "product_push", error: String = "ParsingError")
        -> DeadLetterDraft
    {
        DeadLetterDraft(storefront: storefront, kind: kind, entityID: entity, requestPayload: Array("{}".utf8), error: error)
    }

    func event(_ id: String, storefront: String = "en") -> ShopperEvent {
        ShopperEvent(eventID: id, storefront: storefront, type: "product_viewed", visitor: "v1", occurredAt: t0, payload: Array("{}".utf8))
    }

    @Test(arguments: StoreBackend.all) func countsTheQueueTheEventsTheLettersAndTheDocumentsHeld(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        try await store.enqueue(JobKey(kind: .productSync, entity: "1"), payload: [], runAt: t0, now: t0)
        try await store.enqueue(JobKey(kind: .productSync, entity: "2"), payload: [], runAt: t0, now: t0.addingTimeInterval(5))
        try await store.enqueue(JobKey(kind: .catalogReindex, storefront: "de", entity: "de"), payload: [], runAt: t0, now: t0.addingTimeInterval(9))
        try await store.enqueue(JobKey(kind: .orderSync, entity: "77"), payload: [], runAt: t0.addingTimeInterval(-30), now: t0.addingTimeInterval(20))
        // One finished, one running: the running one still waits to be done, the finished one not.
        let claimed = try await store.claim(owner: "w", now: t0.addingTimeInterval(30), lease: .seconds(30), limit: 2, kinds: [.productSync])
        try await store.complete(ids: [claimed[0].id], owner: "w", now: t0.addingTimeInterval(31))
        _ = try await store.append([event("a"), event("b"), event("c", storefront: "de")], now: t0.addingTimeInterval(2))
        let forwarding = try await store.claimEvents(owner: "f", now: t0.addingTimeInterval(3), lease: .seconds(30), limit: 1)
        try await store.markForwarded(ids: forwarding.map(\.id), owner: "f", now: t0.addingTimeInterval(4))
        let failing = try await store.claimEvents(owner: "f", now: t0.addingTimeInterval(5), lease: .seconds(30), limit: 1)
        _ = try await store.markFailed(id: failing[0].id, owner: "f", error: "LogicalError", retryAt: nil, now: t0.addingTimeInterval(6))
        try await store.addDeadLetter(letter("1"), at: t0)
        try await store.addDeadLetter(letter("2"), at: t0)
        try await store.addDeadLetter(letter("3", storefront: nil, kind: "catalog.refresh"), at: t0)
        let resolved = try await store.addDeadLetter(letter("4", storefront: "de"), at: t0)
        try await store.resolveDeadLetter(id: resolved, at: t0)
        try await store.recordPushed(storefront: "en", entity: .product, documents: [document(1), document(2)], at: t0)
        try await store.recordPushed(storefront: "en", entity: .category, documents: [document(9)], at: t0)
        try await store.markSeen(storefront: "de", entity: .product, ids: [5], run: "r")  // seen, never pushed: not held

        let counts = try await store.dashboardCounts()
        #expect(counts.jobs == [.available: 2, .running: 1, .retryable: 0, .completed: 1, .dead: 0])
        #expect(counts.oldestDueAt == t0.addingTimeInterval(-30))
        #expect(counts.backlog == [
            JobBacklog(kind: .catalogReindex, storefront: "de", count: 1, oldestEnqueuedAt: t0.addingTimeInterval(9)),
            JobBacklog(kind: .orderSync, storefront: "", count: 1, oldestEnqueuedAt: t0.addingTimeInterval(20)),
            JobBacklog(kind: .productSync, storefront: "", count: 1, oldestEnqueuedAt: t0.addingTimeInterval(5)),
        ])
        #expect(counts.events == [.pending: 1, .forwarding: 0, .forwarded: 1, .dead: 1])
        #expect(counts.eventBacklog == ["de": EventBacklog(count: 1, oldestReceivedAt: t0.addingTimeInterval(2))])
        #expect(counts.openDeadLetters == ["en": 2, "": 1])
        #expect(try await store.heldDocuments() == ["en": [.product: 2, .category: 1]])
    }

    @Test(arguments: StoreBackend.all) func activityCountsEachMinuteFromItsFirstSecond(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        let minute = Date(timeIntervalSince1970: 1_700_000_040)  // a whole minute
        try await store.enqueue(JobKey(kind: .productSync, entity: "1"), payload: [], runAt: minute, now: minute)
        let job = try await store.claim(owner: "w", now: minute, lease: .seconds(30), limit: 1, kinds: nil)
        try await store.complete(ids: job.map(\.id), owner: "w", now: minute.addingTimeInterval(59))
        _ = try await store.accept(
            WebhookDelivery(webhookID: "w1", payloadHash: nil, scope: "store/product/updated", storeID: "1", body: []), jobs: [],
            now: minute.addingTimeInterval(60))
        _ = try await store.append([event("a"), event("b")], now: minute.addingTimeInterval(61))
        try await store.addDeadLetter(letter("9"), at: minute.addingTimeInterval(180))
        // Before the window: not counted.
        _ = try await store.append([event("old")], now: minute.addingTimeInterval(-1))

        let activity = try await store.activity(since: minute, until: minute.addingTimeInterval(180))
        #expect(activity == [
            ActivityMinute(minute: minute, jobsCompleted: 1),
            ActivityMinute(minute: minute.addingTimeInterval(60), webhooks: 1, events: 2),
        ])
        let later = try await store.activity(since: minute.addingTimeInterval(180), until: minute.addingTimeInterval(240))
        #expect(later == [ActivityMinute(minute: minute.addingTimeInterval(180), deadLetters: 1)])
    }

    @Test(arguments: StoreBackend.all) func deadLettersAreFilteredByStorefrontKindAndText(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        try await store.addDeadLetter(letter("101", error: "Clerk: ParsingError on price"), at: t0)
        try await store.addDeadLetter(letter("102", kind: "product_delete", error: "HTTP 500"), at: t0.addingTimeInterval(1))
        try await store.addDeadLetter(letter("103", storefront: "de", error: "50% off is not a price"), at: t0.addingTimeInterval(2))
        try await store.addDeadLetter(letter("7", storefront: nil, kind: "catalog.refresh", error: "timeout"), at: t0.addingTimeInterval(3))
        let done = try await store.addDeadLetter(letter("104", error: "parsingerror again"), at: t0.addingTimeInterval(4))
        try await store.resolveDeadLetter(id: done, at: t0.addingTimeInterval(5))

        func entities(_ filter: DeadLetterFilter) async throws -> [String] {
            try await store.deadLetters(matching: filter, limit: 100, offset: 0).map(\.entityID)
        }
        #expect(try await entities(DeadLetterFilter()) == ["7", "103", "102", "101"])
        #expect(try await entities(DeadLetterFilter(scope: .storefront("en"))) == ["102", "101"])
        #expect(try await entities(DeadLetterFilter(scope: .storeWide)) == ["7"])
        #expect(try await entities(DeadLetterFilter(kind: "product_push")) == ["103", "101"])
        #expect(try await entities(DeadLetterFilter(text: "PARSINGERROR")) == ["101"])
        #expect(try await entities(DeadLetterFilter(text: "parsingerror", includeResolved: true)) == ["104", "101"])
        // LIKE's wildcards in the text are taken literally.
        #expect(try await entities(DeadLetterFilter(text: "50%")) == ["103"])
        #expect(try await entities(DeadLetterFilter(text: "Pars_ngError")) == [])
        #expect(try await entities(DeadLetterFilter(text: "10")) == ["103", "102", "101"])
        #expect(try await entities(DeadLetterFilter(scope: .storefront("en"), kind: "product_delete", text: "500")) == ["102"])
        #expect(try await store.deadLetters(matching: DeadLetterFilter(), limit: 2, offset: 1).map(\.entityID) == ["103", "102"])
        #expect(try await store.countDeadLetters(matching: DeadLetterFilter()) == 4)
        #expect(try await store.countDeadLetters(matching: DeadLetterFilter(includeResolved: true)) == 5)
        #expect(try await store.countDeadLetters(matching: DeadLetterFilter(scope: .storefront("nl"))) == 0)
    }

    @Test(arguments: StoreBackend.all) func resolvingManyLettersChangesOnlyTheOpenOnes(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        let a = try await store.addDeadLetter(letter("1"), at: t0)
        let b = try await store.addDeadLetter(letter("2"), at: t0)
        let c = try await store.addDeadLetter(letter("3"), at: t0)
        try await store.resolveDeadLetter(id: c, at: t0)
        #expect(try await store.resolveDeadLetters(ids: [a, b, c, 999], at: t0.addingTimeInterval(9)) == 2)
        #expect(try await store.deadLetter(id: a)?.resolvedAt == t0.addingTimeInterval(9))
        #expect(try await store.deadLetter(id: c)?.resolvedAt == t0)
        #expect(try await store.countDeadLetters(matching: DeadLetterFilter()) == 0)
    }

    @Test(arguments: StoreBackend.all) func jobsAreFilteredByStateKindAndStorefront(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        try await store.enqueue(JobKey(kind: .productSync, entity: "1"), payload: [], runAt: t0.addingTimeInterval(20), now: t0)
        try await store.enqueue(JobKey(kind: .productSync, entity: "2"), payload: [], runAt: t0.addingTimeInterval(10), now: t0)
        try await store.enqueue(JobKey(kind: .catalogReindex, storefront: "de", entity: "de"), payload: [], runAt: t0, now: t0)
        try await store.enqueue(JobKey(kind: .orderSync, entity: "5"), payload: [], runAt: t0, now: t0)

        func entities(_ filter: JobFilter, limit: Int = 10, offset: Int = 0) async throws -> [String] {
            try await store.jobs(matching: filter, limit: limit, offset: offset).map(\.key.entity)
        }
        #expect(try await entities(JobFilter()) == ["5", "de", "2", "1"])
        #expect(try await entities(JobFilter(state: .available)) == ["de", "5", "2", "1"])
        #expect(try await entities(JobFilter(state: .available, kind: .productSync)) == ["2", "1"])
        #expect(try await entities(JobFilter(storefront: "de")) == ["de"])
        #expect(try await entities(JobFilter(storefront: "")) == ["5", "2", "1"])
        #expect(try await entities(JobFilter(state: .dead)) == [])
        #expect(try await entities(JobFilter(), limit: 2, offset: 1) == ["de", "2"])
    }

    @Test(arguments: StoreBackend.all) func cancellingMakesAPendingJobDeadAndRequeueableAndRefusesOthers(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        let pending = try await store.enqueue(JobKey(kind: .productSync, entity: "1"), payload: [], runAt: t0, now: t0).jobID
        try await store.cancelJob(id: pending, reason: "cancelled by the operator", now: t0.addingTimeInterval(5))
        let cancelled = try #require(try await store.job(id: pending))
        #expect(cancelled.state == .dead)
        #expect(cancelled.attempts == 0)
        #expect(cancelled.lastError == "cancelled by the operator")
        #expect(cancelled.history == [JobAttempt(at: t0.addingTimeInterval(5), error: "cancelled by the operator", transient: false)])
        #expect(try await store.requeue(id: pending, now: t0.addingTimeInterval(6)) == .inserted(pending))

        let running = try await store.claim(owner: "w", now: t0.addingTimeInterval(7), lease: .seconds(30), limit: 1, kinds: nil)[0]
        await #expect(throws: SyncStoreError.jobNotCancellable(id: running.id, state: .running)) {
            try await store.cancelJob(id: running.id, reason: "no", now: t0.addingTimeInterval(8))
        }
        await #expect(throws: SyncStoreError.jobNotFound(id: 999)) {
            try await store.cancelJob(id: 999, reason: "no", now: t0)
        }
        #expect(try await store.job(id: running.id)?.state == .running)
    }

    @Test(arguments: StoreBackend.all) func webhookActivityCountsDeliveriesPerScopeSinceATime(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        func deliver(_ id: String, _ scope: String, at: Date) async throws {
            _ = try await store.accept(WebhookDelivery(webhookID: id, payloadHash: nil, scope: scope, storeID: "1", body: []), jobs: [], now: at)
        }
        try await deliver("1", "store/product/updated", at: t0.addingTimeInterval(-10))
        try await deliver("2", "store/product/updated", at: t0)
        try await deliver("3", "store/product/updated", at: t0.addingTimeInterval(5))
        try await deliver("4", "store/category/created", at: t0.addingTimeInterval(1))
        #expect(try await store.webhookActivity(since: t0) == [
            WebhookScopeActivity(scope: "store/category/created", deliveries: 1, lastReceivedAt: t0.addingTimeInterval(1)),
            WebhookScopeActivity(scope: "store/product/updated", deliveries: 2, lastReceivedAt: t0.addingTimeInterval(5)),
        ])
    }
}
