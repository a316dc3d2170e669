import Foundation
import Testing
@testable import SyncStore

@Suite("crawl checkpoints", .closesStores)
struct CrawlCheckpointTests {
    let checkpoint = CrawlCheckpoint(
        storefront: "en", run: "run-1", lastProductID: 750, failedPages: 1,
        startedAt: Date(timeIntervalSince1970: 1_700_000_000.25), counters: ["pushed": 500, "unchanged": 250]
    )

    @Test(arguments: StoreBackend.all) func saveLoadClear(_ backend: StoreBackend) async throws {
        let store = try await backend.store()
        #expect(try await store.checkpoint(storefront: "en") == nil)
        try await store.saveCheckpoint(checkpoint)
        #expect(try await store.checkpoint(storefront: "en") == checkpoint)

        var later = checkpoint
        later.lastProductID = 1_000
        later.counters["pushed"] = 750
        try await store.saveCheckpoint(later)
        #expect(try await store.checkpoint(storefront: "en") == later)
        #expect(try await store.checkpoint(storefront: "de") == nil)

        try await store.clearCheckpoint(storefront: "en")
        #expect(try await store.checkpoint(storefront: "en") == nil)
        try await store.clearCheckpoint(storefront: "en")
    }

    @Test func survivesReopeningAFileDatabase() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("store.sqlite").path
            do {
                let store = try SQLiteSyncStore(path: path)
                try await store.saveCheckpoint(checkpoint)
            }
            let reopened = try SQLiteSyncStore(path: path)
            #expect(try await reopened.checkpoint(storefront: "en") == checkpoint)
        }
    }
}
