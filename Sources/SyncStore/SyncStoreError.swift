import Reliability

/// Errors of the sync store itself (opening, configuration, missing records).
public enum SyncStoreError: RetryClassified, CustomStringConvertible, Sendable, Equatable {
    /// The database file could not be opened or created.
    case cannotOpen(path: String, reason: String)
    /// The file exists but is not an SQLite database (or is corrupt or encrypted).
    case notADatabase(path: String)
    /// The database can be read but not written.
    case notWritable(path: String, reason: String)
    /// A PostgreSQL location was given to the SQLite store (the CLI opens it with the PostgreSQL store).
    case notSQLite(location: String)
    /// Another reindex of the same storefronts holds the reindex lock (what holds it is named).
    case reindexRunning(String)
    /// No dead letter has this id.
    case deadLetterNotFound(id: Int64)
    /// A stored row could not be decoded.
    case corruptRecord(table: String, detail: String)
    /// No job has this id.
    case jobNotFound(id: Int64)
    /// `owner` no longer holds the lease on the job: it expired and another worker claimed it, or the job
    /// is no longer running. The job was left as it is.
    case leaseLost(jobID: Int64, owner: String)
    /// A forwarder no longer holds the lease on event `eventID` (it expired and another forwarder took it over).
    case eventLeaseLost(eventID: Int64, owner: String)
    /// Only dead jobs can be requeued.
    case jobNotDead(id: Int64, state: JobState)
    /// Only pending (`available` or `retryable`) jobs can be cancelled.
    case jobNotCancellable(id: Int64, state: JobState)
    /// A sale's status or returns were recorded before the sale itself.
    case saleNotLogged(storefront: String, orderID: Int)

    /// A database that cannot be opened or written is an outage; a sale recorded out of order may settle
    /// on another try; a missing record, a lost lease or a corrupt row cannot.
    public var retryability: Retryability {
        switch self {
        case .cannotOpen, .notWritable: .outage
        case .saleNotLogged: .transient
        case .reindexRunning: .retryAfter(.seconds(30))
        case .notADatabase, .notSQLite, .deadLetterNotFound, .corruptRecord, .jobNotFound, .leaseLost,
            .eventLeaseLost, .jobNotDead, .jobNotCancellable:
            .permanent
        }
    }

    /// The database's failure, except a reindex lock held by another run (nothing is down then).
    public var dependency: Dependency? {
        if case .reindexRunning = self { return nil }
        return .database
    }

    /// A message naming what went wrong and where.
    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open the SQLite database at '\(path)': \(reason)"
        case .notADatabase(let path):
            "the file '\(path)' is not an SQLite database (or it is corrupt or encrypted); point CLERKBRIDGE_DATABASE_URL at another file"
        case .notWritable(let path, let reason):
            "the SQLite database at '\(path)' is not writable: \(reason)"
        case .notSQLite(let location):
            "\(location) is a PostgreSQL database, not an SQLite file; open it with the PostgreSQL store"
        case .reindexRunning(let holder):
            "another reindex is running on this database (\(holder)); let it finish, or run this one later"
        case .deadLetterNotFound(let id):
            "no dead letter with id \(id)"
        case .corruptRecord(let table, let detail):
            "a row of table '\(table)' could not be decoded: \(detail)"
        case .jobNotFound(let id):
            "no job with id \(id)"
        case .leaseLost(let jobID, let owner):
            "worker '\(owner)' lost its lease on job \(jobID) (it expired and another worker took the job over, or the job is no longer running); its result was not recorded"
        case .eventLeaseLost(let eventID, let owner):
            "forwarder '\(owner)' lost its lease on event \(eventID) (it expired and another forwarder took the event over); its result was not recorded"
        case .jobNotDead(let id, let state):
            "job \(id) is \(state.rawValue), not dead: only dead jobs can be requeued"
        case .jobNotCancellable(let id, let state):
            "job \(id) is \(state.rawValue): only a job waiting to run (available or retryable) can be cancelled"
        case .saleNotLogged(let storefront, let orderID):
            "order \(orderID) has no logged sale on storefront '\(storefront)'; its status or returns cannot be recorded"
        }
    }
}
