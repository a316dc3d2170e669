import Foundation
import Testing
@testable import SyncStore

@Suite("opening and migrations")
struct DatabaseOpeningTests {
    @Test func migrationsAreIdempotentOnReopen() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("store.sqlite").path
            do {
                let store = try SQLiteSyncStore(path: path)
                #expect(try await store.appliedMigrations() == ["v1", "v2", "v3", "v4", "v5-attribution", "v5-sales", "v6-baskets", "v7-waits", "v8-dashboard", "v9-crawl-ranges", "v10-visitor-order"])
                try await store.recordPushed(storefront: "en", entity: .product, documents: [document(1)], at: Date())
            }
            for _ in 0..<2 {
                let store = try SQLiteSyncStore(path: path)
                #expect(try await store.appliedMigrations() == ["v1", "v2", "v3", "v4", "v5-attribution", "v5-sales", "v6-baskets", "v7-waits", "v8-dashboard", "v9-crawl-ranges", "v10-visitor-order"])
                #expect(try await store.heldIDs(storefront: "en", entity: .product) == [1])
            }
        }
    }

    @Test func fileDatabaseUsesWAL() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("store.sqlite").path
            let store = try SQLiteSyncStore(path: path)
            let mode = try await store.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
            #expect(mode == "wal")
            #expect(store.path == path)
        }
    }

    @Test func inMemoryIsMigrated() async throws {
        let store = try SQLiteSyncStore.inMemory()
        #expect(try await store.appliedMigrations() == ["v1", "v2", "v3", "v4", "v5-attribution", "v5-sales", "v6-baskets", "v7-waits", "v8-dashboard", "v9-crawl-ranges", "v10-visitor-order"])
        #expect(store.path == nil)
    }

    @Test func notADatabaseNamesThePath() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("garbage.sqlite").path
            try Data(repeating: 0x41, count: 8_192).write(to: URL(fileURLWithPath: path))
            #expect(throws: SyncStoreError.notADatabase(path: path)) { try SQLiteSyncStore(path: path) }
            #expect(SyncStoreError.notADatabase(path: path).description.contains(path))
        }
    }

    @Test func missingDirectoryNamesThePath() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("missing/store.sqlite").path
            let error = #expect(throws: SyncStoreError.self) { try SQLiteSyncStore(path: path) }
            #expect(error?.description.contains(path) == true)
            #expect(error?.description.contains("does not exist") == true)
        }
    }

    @Test func directoryIsNotADatabaseFile() async throws {
        try await withTemporaryDirectory { directory in
            let error = #expect(throws: SyncStoreError.self) { try SQLiteSyncStore(path: directory.path) }
            #expect(error?.description.contains(directory.path) == true)
        }
    }

    @Test func postgresLocationIsRefusedBySQLiteAndNamesThePostgreSQLStore() throws {
        let location = try DatabaseLocation.parse("postgres://bridge:s3cret@db.internal:5432/clerkbridge")
        let error = #expect(throws: SyncStoreError.self) { try SQLiteSyncStore.open(location) }
        let message = error?.description ?? ""
        #expect(message.contains("is a PostgreSQL database, not an SQLite file; open it with the PostgreSQL store"))
        #expect(!message.contains("s3cret"))
    }

    @Test func openInMemoryLocation() async throws {
        let store = try SQLiteSyncStore.open(.sqliteInMemory)
        #expect(try await store.appliedMigrations() == ["v1", "v2", "v3", "v4", "v5-attribution", "v5-sales", "v6-baskets", "v7-waits", "v8-dashboard", "v9-crawl-ranges", "v10-visitor-order"])
    }
}
