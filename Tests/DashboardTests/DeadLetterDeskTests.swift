import Dashboard
import Foundation
import SyncEngine
import SyncStore
import Testing

@Suite("dead-letter desk")
struct DeadLetterDeskTests {
    let mask = SecretMask(secrets: ["secret-private-us", "bc-access-token-123"])

    @Test func detailMasksEverySecretInThePayloadsAndErrors() async throws {
        let store = try SQLiteSyncStore.inMemory()
        let id = try await store.addDeadLetter(
            draft("7", error: "HTTP 401 with X-Auth-Token bc-access-token-123"), at: Date(timeIntervalSince1970: 1_700_000_000))
        let desk = DeadLetterDesk(store: store, replay: ScriptedReplay().replay(store: store), mask: mask)
        let detail = try await desk.detail(id: id)
        #expect(detail.request == #"{"key":"pub-us","private_key":"***","products":[{"id":7}]}"#)
        #expect(detail.response == #"{"status":"error","type":"ParsingError","message":"bad price"}"#)
        #expect(detail.summary.error == "HTTP 401 with X-Auth-Token ***")
        #expect(detail.history.map(\.error) == ["HTTP 401 with X-Auth-Token ***"])
        #expect(detail.responseStatus == 200)
        let encoded = String(decoding: try JSONEncoder().encode(detail), as: UTF8.self)
        #expect(!encoded.contains("secret-private-us") && !encoded.contains("bc-access-token-123"))
        await #expect(throws: DashboardError(.notFound, code: "not_found", message: "no dead letter with id 99")) {
            try await desk.detail(id: 99)
        }
    }

    @Test func replayReportsEachOutcomeAndRefusesAResolvedLetter() async throws {
        let store = try SQLiteSyncStore.inMemory()
        let fixed = try await store.addDeadLetter(draft("1"), at: Date())
        let failing = try await store.addDeadLetter(draft("2"), at: Date())
        let job = try await store.addDeadLetter(draft("3", storefront: nil, kind: "catalog.refresh"), at: Date())
        let script = ScriptedReplay { letter in
            switch letter.entityID {
            case "2": .stillFailing("Clerk: ParsingError again; key secret-private-us")
            case "3": .queued(41)
            default: .resolved
            }
        }
        let desk = DeadLetterDesk(store: store, replay: script.replay(store: store), mask: mask)
        #expect(try await desk.replay(id: fixed) == LetterAction(id: fixed, outcome: .resolved))
        #expect(try await desk.replay(id: failing) == LetterAction(id: failing, outcome: .stillFailing, detail: "Clerk: ParsingError again; key ***"))
        #expect(try await desk.replay(id: job) == LetterAction(id: job, outcome: .queued, jobID: 41))
        await #expect(throws: DashboardError.self) { try await desk.replay(id: fixed) }
        do {
            _ = try await desk.discard(id: fixed)
            Issue.record("a resolved letter was discarded")
        } catch let error as DashboardError {
            #expect(error.code == "already_resolved")
            #expect(error.kind == .conflict)
        }
        #expect(try await desk.discard(id: failing) == LetterAction(id: failing, outcome: .discarded))
        #expect(try await store.countDeadLetters(matching: DeadLetterFilter()) == 0)
    }

    @Test func bulkActionsNeedTheCurrentCountAndStopAtTheCap() async throws {
        let store = try SQLiteSyncStore.inMemory()
        let base = Date(timeIntervalSince1970: 1_700_000_000)
        for index in 0..<(DeadLetterDesk.replayLimit + 5) {
            try await store.addDeadLetter(draft("\(index)"), at: base.addingTimeInterval(Double(index)))
        }
        try await store.addDeadLetter(draft("9000", storefront: "de"), at: base)
        let script = ScriptedReplay()
        let desk = DeadLetterDesk(store: store, replay: script.replay(store: store), mask: mask)
        let us = DeadLetterFilter(scope: .storefront("us"))

        let preview = try await desk.preview(.replay, us)
        #expect(preview.matched == DeadLetterDesk.replayLimit + 5)
        #expect(preview.acting == DeadLetterDesk.replayLimit)
        // A count that is not what the filter matches now changes nothing.
        do {
            _ = try await desk.run(.replay, us, confirmed: preview.matched)
            Issue.record("a stale confirmation was accepted")
        } catch let error as DashboardError {
            #expect(error.code == "confirmation_stale")
        }
        #expect(script.asked.withLock { $0 }.isEmpty)

        let replayed = try await desk.run(.replay, us, confirmed: DeadLetterDesk.replayLimit)
        #expect(replayed.matched == DeadLetterDesk.replayLimit + 5)
        #expect(replayed.acted == DeadLetterDesk.replayLimit)
        #expect(replayed.remaining == 5)
        #expect(replayed.outcomes == ["resolved": DeadLetterDesk.replayLimit])
        // The newest first: the five oldest remain.
        let left = try await store.deadLetters(matching: us, limit: 10, offset: 0).map(\.entityID).sorted()
        #expect(left == ["0", "1", "2", "3", "4"])
        #expect(try await store.countDeadLetters(matching: DeadLetterFilter(scope: .storefront("de"))) == 1)

        let discarded = try await desk.run(.discard, DeadLetterFilter(), confirmed: 6)
        #expect(discarded.acted == 6)
        #expect(discarded.outcomes == ["discarded": 6])
        #expect(try await store.countDeadLetters(matching: DeadLetterFilter()) == 0)
    }

    @Test func anUnknownKindIsRefusedByName() async throws {
        let store = try SQLiteSyncStore.inMemory()
        let desk = DeadLetterDesk(store: store, replay: ScriptedReplay().replay(store: store), mask: mask)
        do {
            _ = try await desk.list(DeadLetterFilter(kind: "product_pushh"))
            Issue.record("an unknown kind was accepted")
        } catch let error as DashboardError {
            #expect(error.kind == .invalid)
            #expect(error.message.contains("product_pushh") && error.message.contains("product_push,"))
        }
    }

    @Test func aReplayThatCannotStartIsUnavailableAndMasked() async throws {
        let store = try SQLiteSyncStore.inMemory()
        let id = try await store.addDeadLetter(draft("1"), at: Date())
        struct Down: Error, CustomStringConvertible { var description: String { "connection refused with bc-access-token-123" } }
        let desk = DeadLetterDesk(store: store, replay: { _ in throw Down() }, mask: mask)
        do {
            _ = try await desk.replay(id: id)
            Issue.record("the failure was not reported")
        } catch let error as DashboardError {
            #expect(error.kind == .unavailable)
            #expect(error.message == "the replay could not start: connection refused with ***")
        }
        #expect(try await store.deadLetter(id: id)?.resolvedAt == nil)
    }
}
