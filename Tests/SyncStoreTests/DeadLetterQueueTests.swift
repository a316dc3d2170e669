import Foundation
import Testing
@testable import SyncStore

@Suite("dead letters", .closesStores)
struct DeadLetterQueueTests {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    func draft(_ entityID: String, storefront: String? = "en", error: String = "ParsingError", attempts: Int = 1) -> DeadLetterDraft {
        DeadLetterDraft(
            storefront: storefront, kind: "product.upsert", entityID: entityID,
            requestPayload: Array("request \(error)".utf8), responseStatus: 200,
            responseBody: Array("response \(error)".utf8), error: error, attempts: attempts
        )
    }

    @Test(arguments: StoreBackend.all) func addAndRead(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        let id = try await store.addDeadLetter(draft("42", attempts: 5), at: t0)
        let letter = try #require(try await store.deadLetter(id: id))
        #expect(letter.storefront == "en")
        #expect(letter.kind == "product.upsert")
        #expect(letter.entityID == "42")
        #expect(letter.requestPayload == Array("request ParsingError".utf8))
        #expect(letter.responseStatus == 200)
        #expect(letter.responseBody == Array("response ParsingError".utf8))
        #expect(letter.attempts == 5)
        #expect(letter.history == [DeadLetterAttempt(at: t0, error: "ParsingError", responseStatus: 200)])
        #expect(letter.firstFailedAt == t0)
        #expect(letter.lastFailedAt == t0)
        #expect(letter.resolvedAt == nil)
        #expect(try await store.deadLetter(id: id + 1) == nil)
    }

    @Test(arguments: StoreBackend.all) func sameOpenLetterIsUpdatedNotDuplicated(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        let first = try await store.addDeadLetter(draft("42", attempts: 5), at: t0)
        let t1 = t0.addingTimeInterval(60)
        let second = try await store.addDeadLetter(
            DeadLetterDraft(storefront: "en", kind: "product.upsert", entityID: "42", requestPayload: Array("v2".utf8),
                            responseStatus: 503, responseBody: nil, error: "HTTP 503", attempts: 3),
            at: t1
        )
        #expect(second == first)
        let letters = try await store.deadLetters(includeResolved: true)
        #expect(letters.count == 1)
        let letter = try #require(letters.first)
        #expect(letter.attempts == 8)
        #expect(letter.requestPayload == Array("v2".utf8))
        #expect(letter.responseStatus == 503)
        #expect(letter.responseBody == nil)
        #expect(letter.error == "HTTP 503")
        #expect(letter.firstFailedAt == t0)
        #expect(letter.lastFailedAt == t1)
        #expect(letter.history.map(\.error) == ["ParsingError", "HTTP 503"])
        #expect(letter.history.map(\.responseStatus) == [200, 503])

        // Different storefront (including none), kind or entity: separate letters.
        try await store.addDeadLetter(draft("42", storefront: "de"), at: t1)
        try await store.addDeadLetter(draft("42", storefront: nil), at: t1)
        try await store.addDeadLetter(draft("42", storefront: nil), at: t1)
        try await store.addDeadLetter(draft("43"), at: t1)
        #expect(try await store.deadLetters(includeResolved: false).count == 4)
    }

    @Test(arguments: StoreBackend.all) func listIsMostRecentlyFailedFirst(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        let a = try await store.addDeadLetter(draft("1"), at: t0)
        let b = try await store.addDeadLetter(draft("2"), at: t0.addingTimeInterval(10))
        let c = try await store.addDeadLetter(draft("3"), at: t0.addingTimeInterval(10))
        #expect(try await store.deadLetters(includeResolved: false).map(\.id) == [c, b, a])
        // A new failure of the oldest letter moves it to the front.
        try await store.addDeadLetter(draft("1"), at: t0.addingTimeInterval(20))
        #expect(try await store.deadLetters(includeResolved: false).map(\.id) == [a, c, b])
    }

    @Test(arguments: StoreBackend.all) func resolveByIDAndByEntity(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        let a = try await store.addDeadLetter(draft("1"), at: t0)
        let b = try await store.addDeadLetter(draft("2", storefront: nil), at: t0)
        let c = try await store.addDeadLetter(draft("3"), at: t0)
        let t1 = t0.addingTimeInterval(5)

        try await store.resolveDeadLetter(id: a, at: t1)
        try await store.resolveDeadLetter(id: a, at: t1.addingTimeInterval(99))
        #expect(try await store.deadLetter(id: a)?.resolvedAt == t1)

        try await store.resolveDeadLetters(storefront: nil, kind: "product.upsert", entityID: "2", at: t1)
        try await store.resolveDeadLetters(storefront: "en", kind: "product.upsert", entityID: "nope", at: t1)
        #expect(try await store.deadLetter(id: b)?.resolvedAt == t1)

        #expect(try await store.deadLetters(includeResolved: false).map(\.id) == [c])
        #expect(try await store.deadLetters(includeResolved: true).count == 3)

        // After resolution, a new failure opens a new letter.
        let again = try await store.addDeadLetter(draft("1"), at: t1)
        #expect(again != a)
        #expect(try await store.deadLetter(id: again)?.attempts == 1)

        await #expect(throws: SyncStoreError.deadLetterNotFound(id: 999)) {
            try await store.resolveDeadLetter(id: 999, at: t1)
        }
    }
}
