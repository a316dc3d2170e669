import Foundation
import Testing
@testable import SyncStore

@Suite("catalog ledger", .closesStores)
struct CatalogLedgerTests {
    let at = Date(timeIntervalSince1970: 1_700_000_000)

    @Test(arguments: StoreBackend.all) func roundTrip(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        try await store.recordPushed(storefront: "en", entity: .product, documents: [document(1), document(2)], at: at)
        try await store.recordPushed(storefront: "en", entity: .product, documents: [document(2, version: 2)], at: at)
        try await store.recordPushed(storefront: "de", entity: .product, documents: [document(3)], at: at)
        try await store.recordPushed(storefront: "en", entity: .category, documents: [document(1, version: 9)], at: at)

        let hashes = try await store.pushedHashes(storefront: "en", entity: .product, ids: [1, 2, 3, 4])
        #expect(hashes == [1: "hash-1-v1", 2: "hash-2-v2"])
        #expect(try await store.pushedHashes(storefront: "en", entity: .category, ids: [1]) == [1: "hash-1-v9"])
        #expect(try await store.pushedHashes(storefront: "en", entity: .product, ids: []) == [:])
        #expect(try await store.heldIDs(storefront: "en", entity: .product) == [1, 2])
        #expect(try await store.heldIDs(storefront: "de", entity: .product) == [3])
    }

    @Test(arguments: StoreBackend.all) func pushedHashesReadsMoreThanOneChunk(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        let documents = (1...1_234).map { document($0) }
        try await store.recordPushed(storefront: "en", entity: .product, documents: documents, at: at)
        let hashes = try await store.pushedHashes(storefront: "en", entity: .product, ids: Array(0...1_300))
        #expect(hashes.count == 1_234)
        #expect(hashes[1_234] == "hash-1234-v1")
    }

    @Test(arguments: StoreBackend.all) func removedProductShowsUpAsUnseenInTheNextRun(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        // Run 1 lists products 1...5; all are pushed.
        try await store.commitPage(
            storefront: "en", entity: .product, run: "run-1", seen: [1, 2, 3, 4, 5],
            pushed: (1...5).map { document($0) }, mirrored: (1...5).map { document($0) }, unmirrored: [], at: at
        )
        #expect(try await store.unseen(storefront: "en", entity: .product, run: "run-1") == [])

        // Run 2: product 3 left the catalog; seen marks come before the push of a new product 6.
        try await store.markSeen(storefront: "en", entity: .product, ids: [1, 2, 4, 5, 6], run: "run-2")
        try await store.recordPushed(storefront: "en", entity: .product, documents: [document(6)], at: at)
        #expect(try await store.unseen(storefront: "en", entity: .product, run: "run-2") == [3])
        #expect(try await store.heldIDs(storefront: "en", entity: .product) == [1, 2, 3, 4, 5, 6])

        // Other storefronts and entities are untouched by the run.
        #expect(try await store.unseen(storefront: "de", entity: .product, run: "run-2") == [])
    }

    @Test(arguments: StoreBackend.all) func seenButNeverPushedIsNotHeld(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        try await store.markSeen(storefront: "en", entity: .product, ids: [7], run: "run-1")
        #expect(try await store.heldIDs(storefront: "en", entity: .product) == [])
        #expect(try await store.pushedHashes(storefront: "en", entity: .product, ids: [7]) == [:])
        #expect(try await store.unseen(storefront: "en", entity: .product, run: "run-2") == [])
    }

    @Test(arguments: StoreBackend.all) func recordPushedKeepsTheSeenMark(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        try await store.recordPushed(storefront: "en", entity: .product, documents: [document(1)], at: at)
        try await store.markSeen(storefront: "en", entity: .product, ids: [1], run: "run-1")
        try await store.recordPushed(storefront: "en", entity: .product, documents: [document(1, version: 2)], at: at)
        #expect(try await store.unseen(storefront: "en", entity: .product, run: "run-1") == [])
    }

    @Test(arguments: StoreBackend.all) func recordRemoved(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        try await store.recordPushed(storefront: "en", entity: .product, documents: (1...4).map { document($0) }, at: at)
        try await store.recordPushed(storefront: "de", entity: .product, documents: [document(2)], at: at)
        try await store.recordRemoved(storefront: "en", entity: .product, ids: [2, 4, 99])
        #expect(try await store.heldIDs(storefront: "en", entity: .product) == [1, 3])
        #expect(try await store.pushedHashes(storefront: "en", entity: .product, ids: [2, 4]) == [:])
        #expect(try await store.heldIDs(storefront: "de", entity: .product) == [2])
        #expect(try await store.unseen(storefront: "en", entity: .product, run: "run-1") == [1, 3])
    }

    @Test(arguments: StoreBackend.all) func commitPageWritesLedgerSeenMarksAndMirror(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        try await store.commitPage(
            storefront: "en", entity: .product, run: "run-1", seen: [1, 2, 3],
            pushed: [document(1), document(2)], mirrored: [document(1), document(2), document(3)], unmirrored: [], at: at
        )
        #expect(try await store.heldIDs(storefront: "en", entity: .product) == [1, 2])
        #expect(try await store.unseen(storefront: "en", entity: .product, run: "run-1") == [])
        #expect(try await store.unseen(storefront: "en", entity: .product, run: "run-2") == [1, 2])
        #expect(try await store.mirrored(storefront: "en", entity: .product, ids: [1, 2, 3]).count == 3)
    }
}
