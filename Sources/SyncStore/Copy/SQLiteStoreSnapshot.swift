import Foundation
import GRDB

/// An SQLite store frozen at one moment (one read transaction held open), read table by table in key order for
/// `clerkbridge store copy`: every table comes from the same state, even if a process writes meanwhile.
package final class SQLiteStoreSnapshot: Sendable {
    private let reader: any DatabaseReader

    /// Freezes `store`; an in-memory store is read as it is.
    package init(_ store: SQLiteSyncStore) throws {
        if let pool = store.writer as? DatabasePool {
            reader = try pool.makeSnapshot()
        } else {
            reader = store.writer
        }
    }

    /// How many rows `table` holds.
    package func count(_ table: StoreTable) async throws -> Int {
        try await reader.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.name)") ?? 0 }
    }

    /// Up to `limit` rows of `table` after the row `after` (from the first when nil), in key order; each row's
    /// values in the order of `table.columns`.
    package func rows(_ table: StoreTable, after: [StoredValue]?, limit: Int) async throws -> [[StoredValue]] {
        let columns = table.columns.joined(separator: ", ")
        let key = table.key.joined(separator: ", ")
        let keyIndexes = table.key.compactMap { table.columns.firstIndex(of: $0) }
        let after = after.map { row in keyIndexes.map { row[$0] } }
        return try await reader.read { db in
            var sql = "SELECT \(columns) FROM \(table.name)"
            var arguments = StatementArguments()
            if let after {
                sql += " WHERE (\(key)) > (\(databaseQuestionMarks(count: after.count)))"
                arguments = StatementArguments(after.map(\.databaseValue))
            }
            sql += " ORDER BY \(key) LIMIT \(limit)"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                (0..<row.count).map { StoredValue(row[$0] as DatabaseValue) }
            }
        }
    }
}

extension StoredValue {
    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let integer): self = .integer(integer)
        case .double(let real): self = .real(real)
        case .string(let text): self = .text(text)
        case .blob(let data): self = .blob([UInt8](data))
        }
    }

    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let integer): integer.databaseValue
        case .real(let real): real.databaseValue
        case .text(let text): text.databaseValue
        case .blob(let bytes): Data(bytes).databaseValue
        }
    }
}
