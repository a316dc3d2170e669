import Foundation
import Testing
@testable import SyncStore

@Suite("catalog mirror", .closesStores)
struct CatalogMirrorTests {
    @Test(arguments: StoreBackend.all) func upsertReplaceAndRemove(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
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

    @Test(arguments: StoreBackend.all) func readsMoreThanOneChunk(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        try await store.upsertMirror(storefront: "en", entity: .product, documents: (1...1_100).map { document($0) })
        let mirrored = try await store.mirrored(storefront: "en", entity: .product, ids: Array(1...1_100))
        #expect(mirrored.count == 1_100)
        #expect(mirrored[777] == document(777))
    }
}

/// The local fallback: best sellers of a storefront, in a category or overall.
@Suite struct BestSellingProductsTests {
    func document(_ id: Int, sold: Int, categories: [Int], index: Bool = true) -> StoredDocument {
        StoredDocument(
            id: id, contentHash: "h\(id)",
            json: Array(#"{"categories":\#(categories),"id":\#(id),"index":\#(index),"total_sold":\#(sold)}"#.utf8))
    }

    @Test(arguments: StoreBackend.all) func bestSellersFirstHiddenOnesNeverAndTheCategoryWhenAsked(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        try await store.upsertMirror(storefront: "main", entity: .product, documents: [
            document(1, sold: 5, categories: [10]),
            document(2, sold: 50, categories: [10, 11]),
            document(3, sold: 500, categories: [11], index: false),
            document(4, sold: 50, categories: [11]),
            document(5, sold: 0, categories: []),
        ])
        try await store.upsertMirror(storefront: "other", entity: .product, documents: [document(9, sold: 999, categories: [10])])
        #expect(try await store.bestSellingProducts(storefront: "main", inCategory: nil, limit: 10) == [2, 4, 1, 5])
        #expect(try await store.bestSellingProducts(storefront: "main", inCategory: nil, limit: 2) == [2, 4])
        #expect(try await store.bestSellingProducts(storefront: "main", inCategory: 10, limit: 10) == [2, 1])
        #expect(try await store.bestSellingProducts(storefront: "main", inCategory: 12, limit: 10).isEmpty)
    }
}
