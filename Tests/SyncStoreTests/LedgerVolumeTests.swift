import Foundation
import Testing
@testable import SyncStore

@Suite("ledger volume")
struct LedgerVolumeTests {
    @Test func hundredThousandRowsInPages() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteSyncStore(path: directory.appendingPathComponent("volume.sqlite").path)
            let total = 100_000
            let at = Date(timeIntervalSince1970: 1_700_000_000)
            for start in stride(from: 1, through: total, by: 250) {
                let ids = Array(start..<min(start + 250, total + 1))
                let documents = ids.map { document($0) }
                let known = try await store.pushedHashes(storefront: "en", entity: .product, ids: ids)
                #expect(known.isEmpty)
                try await store.commitPage(
                    storefront: "en", entity: .product, run: "run-1", seen: ids,
                    pushed: documents, mirrored: documents, unmirrored: [], at: at
                )
            }
            #expect(try await store.heldIDs(storefront: "en", entity: .product).count == total)
            #expect(try await store.unseen(storefront: "en", entity: .product, run: "run-1").isEmpty)

            // A second run that sees every id but the last 1,000.
            for start in stride(from: 1, through: total - 1_000, by: 250) {
                let ids = Array(start..<min(start + 250, total - 1_000 + 1))
                try await store.markSeen(storefront: "en", entity: .product, ids: ids, run: "run-2")
            }
            let unseen = try await store.unseen(storefront: "en", entity: .product, run: "run-2")
            #expect(unseen == Array((total - 999)...total))
            let mirrored = try await store.mirrored(storefront: "en", entity: .product, ids: Array(1...1_000))
            #expect(mirrored.count == 1_000)
        }
    }
}
