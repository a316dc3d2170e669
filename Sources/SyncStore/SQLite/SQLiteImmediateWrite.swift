import GRDB

extension SQLiteSyncStore {
    /// Runs `updates` in one `BEGIN IMMEDIATE` transaction and returns its result; any error rolls it back.
    ///
    /// The write lock is taken up front, so a read-then-write (claim, enqueue, accept) sees and changes
    /// the same state even when other processes share the file: SQLite has one writer at a time.
    func immediateWrite<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await Self.immediateWrite(writer, updates)
    }

    /// Runs `updates` on `writer` in a `BEGIN IMMEDIATE` transaction (see the instance method).
    static func immediateWrite<T: Sendable>(
        _ writer: any DatabaseWriter, _ updates: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
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

    /// `body`'s result in a savepoint of its own (GRDB's), so a failure rolls back its changes alone and the
    /// transaction goes on.
    static func inSavepoint<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        var result: T?
        try db.inSavepoint {
            result = try body()
            return .commit
        }
        guard let result else { preconditionFailure("a committed savepoint ran its body") }
        return result
    }
}
