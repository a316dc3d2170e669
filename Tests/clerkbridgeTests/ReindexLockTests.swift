import Foundation
import Testing

@testable import clerkbridge

@Suite("reindex lock")
struct ReindexLockTests {
    @Test func aSecondReindexOnTheSameDatabaseIsRefusedUntilTheFirstEnds() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lock-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path + ".reindex.lock") }
        let first = try ReindexLock(databaseURL: "sqlite:\(path)")
        #expect { try ReindexLock(databaseURL: "sqlite:\(path)") } throws: { "\($0)".contains("another reindex is running") }
        first.release()
        let again = try ReindexLock(databaseURL: "sqlite:\(path)")
        again.release()
    }

    @Test func anInMemoryDatabaseNeedsNoLock() throws {
        let one = try ReindexLock(databaseURL: "sqlite::memory:")
        let two = try ReindexLock(databaseURL: "sqlite::memory:")
        one.release()
        two.release()
    }
}
