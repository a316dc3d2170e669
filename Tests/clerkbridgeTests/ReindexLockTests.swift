import Foundation
import SyncStore
import Testing

@testable import clerkbridge

@Suite("reindex lock")
struct ReindexLockTests {
    @Test func aSecondReindexOnTheSameSQLiteDatabaseIsRefusedUntilTheFirstEnds() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lock-\(UUID().uuidString).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm", ".reindex.lock"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let store = try SQLiteSyncStore(path: path)
        let other = try SQLiteSyncStore(path: path)
        let first = try await store.lockReindex(storefronts: ["en"], owner: "one")
        // A file has one lock, whatever the storefronts.
        await #expect { try await other.lockReindex(storefronts: ["de"], owner: "two") } throws: {
            "\($0)".contains("another reindex is running")
        }
        await first.release()
        let again = try await other.lockReindex(storefronts: ["de"], owner: "two")
        await again.release()
    }

    @Test func anInMemoryDatabaseNeedsNoLock() async throws {
        let store = try SQLiteSyncStore.inMemory()
        let one = try await store.lockReindex(storefronts: ["en"], owner: "one")
        let two = try await store.lockReindex(storefronts: ["en"], owner: "two")
        await one.release()
        await two.release()
    }
}
