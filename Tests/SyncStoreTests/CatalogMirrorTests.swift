import Foundation
import Testing
@testable import SyncStore

@Suite("catalog mirror")
struct CatalogMirrorTests {
    @Test func upsertReplaceAndRemove() async throws {
        let store = try SQLiteSyncStore.inMemory()
        try await store.upsertMirror(storefront: "en", entity: .product, documents: [document(1), document(2)])
        try await store.upsertMirror(storefront: "de", entity: .product, documents: [document(1, version: 5)])

        var mirrored = try await store.mirrored(storefront: "en", entity: .product, ids: [1, 2, 3])
        #expect(mirrored == [1: document(1), 2: document(2)])

        try await store.upsertMirror(storefront: "en", entity: .product, documents: [document(2, version: 2)])
        mirrored = try await store.mirrored(storefront: "en", entity: .product, ids: [2])
        #expect(mirrored[2] == document(2, version: 2))

        try await store.removeFromMirror(storefront: "en", entity: .product, ids: [1, 42])
        mirrored = try await store.mirrored(storefront: "en", entity: .product, ids: [1, 2])
        #expect(mirrored == [2: document(2, version: 2)])
        #expect(try await store.mirrored(storefront: "de", entity: .product, ids: [1]) == [1: document(1, version: 5)])
        #expect(try await store.mirrored(storefront: "en", entity: .category, ids: [2]) == [:])
    }

    @Test func readsMoreThanOneChunk() async throws {
        let store = try SQLiteSyncStore.inMemory()
        try await store.upsertMirror(storefront: "en", entity: .product, documents: (1...1_100).map { document($0) })
        let mirrored = try await store.mirrored(storefront: "en", entity: .product, ids: Array(1...1_100))
        #expect(mirrored.count == 1_100)
        #expect(mirrored[777] == document(777))
    }
}
