import Foundation
import PostgresNIO
import SyncStore

/// A table `store copy` copied, and how many rows.
public struct CopiedTable: Sendable, Equatable {
    /// The table's name.
    public var name: String
    /// The rows copied.
    public var rows: Int
}

/// Why `store copy` refused or stopped (the destination keeps what it had).
public enum StoreCopyError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The destination already holds data (these tables), and replacing it was not asked for.
    case destinationNotEmpty(tables: [String])
    /// A table's rows in the destination differ from the source's after the copy.
    case countMismatch(table: String, source: Int, copied: Int)
    /// A stored value cannot be read (the table, the column and why).
    case unreadable(table: String, column: String, reason: String)

    /// A message naming the tables and what to do.
    public var description: String {
        switch self {
        case .destinationNotEmpty(let tables):
            "the destination database already holds data (\(tables.joined(separator: ", "))); copy into an empty database, or pass --replace to delete what it holds first"
        case .countMismatch(let table, let source, let copied):
            "table \(table): \(source) rows in the source but \(copied) copied; nothing was kept"
        case .unreadable(let table, let column, let reason):
            "table \(table), column \(column): \(reason); nothing was kept"
        }
    }
}

extension PostgresSyncStore {
    /// Rows per `INSERT` of a copy (well under PostgreSQL's 65,535 bound values).
    static let copyChunk = 1_000

    /// Copies every table of `source` (frozen at one moment) into this database, keeping ids, in ONE transaction: a
    /// copy that fails leaves the destination as it was. The destination must be empty unless `replacing`, which
    /// deletes what it holds first. Reports each table as it is done through `progress`.
    ///
    /// Jobs and events keep their states and leases: a lease copied from a stopped process simply expires.
    public func copy(
        from source: SQLiteSyncStore, replacing: Bool, progress: @Sendable (CopiedTable) -> Void = { _ in }
    ) async throws -> [CopiedTable] {
        let snapshot = try SQLiteStoreSnapshot(source)
        let logger = logger
        return try await write { connection in
            let names = StoreTable.all.map(\.name)
            if replacing {
                try await connection.rows(
                    PostgresQuery(unsafeSQL: "TRUNCATE \(names.joined(separator: ", ")) RESTART IDENTITY"), logger)
            } else {
                var holding: [String] = []
                for name in names where try await !connection.rows(
                    PostgresQuery(unsafeSQL: "SELECT 1 FROM \(name) LIMIT 1"), logger
                ).isEmpty {
                    holding.append(name)
                }
                guard holding.isEmpty else { throw StoreCopyError.destinationNotEmpty(tables: holding) }
            }
            var copied: [CopiedTable] = []
            for table in StoreTable.all {
                var last: [StoredValue]?
                var count = 0
                while true {
                    let rows = try await snapshot.rows(table, after: last, limit: Self.copyChunk)
                    guard !rows.isEmpty else { break }
                    try await connection.rows(try Self.insert(rows, into: table), logger)
                    count += rows.count
                    last = rows.last
                }
                let expected = try await snapshot.count(table)
                let stored = try await connection.rows(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table.name)"), logger)[0]
                    .decode(Int.self)
                guard stored == expected, count == expected else {
                    throw StoreCopyError.countMismatch(table: table.name, source: expected, copied: stored)
                }
                if table.generatesIDs, count > 0 {
                    try await connection.rows(
                        PostgresQuery(
                            unsafeSQL: "SELECT setval(pg_get_serial_sequence('\(table.name)', 'id'), (SELECT max(id) FROM \(table.name)))"),
                        logger)
                }
                let done = CopiedTable(name: table.name, rows: count)
                progress(done)
                copied.append(done)
            }
            return copied
        }
    }

    /// One multi-row `INSERT` of `rows` into `table`.
    private static func insert(_ rows: [[StoredValue]], into table: StoreTable) throws -> PostgresQuery {
        var binds = PostgresBindings(capacity: rows.count * table.columns.count)
        var tuples: [String] = []
        tuples.reserveCapacity(rows.count)
        for row in rows {
            var placeholders: [String] = []
            for (column, value) in zip(table.columns, row) {
                try bind(value, column: column, of: table, to: &binds)
                placeholders.append("$\(binds.count)")
            }
            tuples.append("(\(placeholders.joined(separator: ", ")))")
        }
        return PostgresQuery(
            unsafeSQL: "INSERT INTO \(table.name) (\(table.columns.joined(separator: ", "))) VALUES \(tuples.joined(separator: ", "))",
            binds: binds)
    }

    private static func bind(_ value: StoredValue, column: String, of table: StoreTable, to binds: inout PostgresBindings) throws {
        // The SQLite store keeps a delivery's job ids as a JSON array; PostgreSQL as an array of bigint.
        if table.name == "webhook_deliveries", column == "job_ids" {
            guard case .text(let json) = value,
                let ids = try? JSONDecoder().decode([Int64].self, from: Data(json.utf8))
            else { throw StoreCopyError.unreadable(table: table.name, column: column, reason: "not a JSON array of job ids") }
            binds.append(ids)
            return
        }
        switch value {
        case .null: binds.appendNull()
        case .integer(let integer): binds.append(integer)
        case .real(let real): binds.append(real)
        case .text(let text): binds.append(text)
        case .blob(let bytes): binds.append(ByteBuffer(bytes: bytes))
        }
    }
}
