/// Errors of the sync store itself (opening, configuration, missing records).
public enum SyncStoreError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The database file could not be opened or created.
    case cannotOpen(path: String, reason: String)
    /// The file exists but is not an SQLite database (or is corrupt or encrypted).
    case notADatabase(path: String)
    /// The database can be read but not written.
    case notWritable(path: String, reason: String)
    /// A PostgreSQL location was given; only SQLite is implemented so far.
    case postgresNotYetSupported(location: String)
    /// No dead letter has this id.
    case deadLetterNotFound(id: Int64)
    /// A stored row could not be decoded.
    case corruptRecord(table: String, detail: String)

    /// A message naming what went wrong and where.
    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open the SQLite database at '\(path)': \(reason)"
        case .notADatabase(let path):
            "the file '\(path)' is not an SQLite database (or it is corrupt or encrypted); point CLERKBRIDGE_DATABASE_URL at another file"
        case .notWritable(let path, let reason):
            "the SQLite database at '\(path)' is not writable: \(reason)"
        case .postgresNotYetSupported(let location):
            "PostgreSQL support arrives with the job queue; use sqlite:PATH (got \(location))"
        case .deadLetterNotFound(let id):
            "no dead letter with id \(id)"
        case .corruptRecord(let table, let detail):
            "a row of table '\(table)' could not be decoded: \(detail)"
        }
    }
}
