import GRDB

extension SQLiteSyncStore {
    /// Runs `updates` in one `BEGIN IMMEDIATE` transaction and returns its result; any error rolls it back.
    ///
    /// The write lock is taken up front, so a read-then-write (claim, enqueue, accept) sees and changes
    /// the same state even when other processes share the file: SQLite has one writer at a time.
    func immediateWrite<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await writer.writeWithoutTransaction { db in
            try db.beginTransaction(.immediate)
            do {
                let result = try updates(db)
                try db.commit()
                return result
            } catch {
                if db.isInsideTransaction {
                    try db.rollback()
                }
                throw error
            }
        }
    }
}
