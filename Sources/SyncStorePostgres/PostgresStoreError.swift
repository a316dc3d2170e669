import PostgresNIO
import Reliability
import SyncStore

/// What went wrong with the PostgreSQL database, in words that name the database (never its password) and, for
/// a server error, its SQLSTATE. Every case is the database's failure.
public enum PostgresStoreError: RetryClassified, CustomStringConvertible, Sendable, Equatable {
    /// A URL parameter that cannot be used (a missing CA file, …).
    case configuration(String)
    /// The database cannot be reached, refused the login, or closed the connection.
    case unavailable(String)
    /// The database did not answer `operation` in time.
    case timedOut(operation: String, seconds: Int)
    /// The server refused a statement: SQLSTATE `code`, with the server's message and the constraint or table.
    case server(code: String, message: String)
    /// The database was migrated by a newer clerkbridge (these versions are unknown here).
    case newerSchema(versions: [String])

    /// Unreachable or slow is an outage; a serialization failure, a deadlock or a lock timeout may pass on another
    /// try; a refused statement or a newer schema will not.
    public var retryability: Retryability {
        switch self {
        case .unavailable, .timedOut:
            return .outage
        case .server(let code, _):
            if Self.transientCodes.contains(code) { return .transient }
            // Connection exceptions, insufficient resources, operator intervention (a restart, a shutdown).
            if ["08", "53", "57"].contains(String(code.prefix(2))) { return .outage }
            return .permanent
        case .configuration, .newerSchema:
            return .permanent
        }
    }

    /// The database, always.
    public var dependency: Dependency? { .database }

    static let transientCodes: Set<String> = ["40001", "40P01", "55P03"]

    /// A message naming what went wrong.
    public var description: String {
        switch self {
        case .configuration(let reason):
            "PostgreSQL (CLERKBRIDGE_DATABASE_URL): \(reason)"
        case .unavailable(let reason):
            "PostgreSQL is unavailable: \(reason)"
        case .timedOut(let operation, let seconds):
            "PostgreSQL did not answer \(operation) within \(seconds) s"
        case .server(let code, let message):
            "PostgreSQL refused a statement (SQLSTATE \(code)): \(message)"
        case .newerSchema(let versions):
            "the database was migrated by a newer clerkbridge (schema versions \(versions.joined(separator: ", ")) are unknown to this one); run the newer clerkbridge or another database"
        }
    }

    /// The SQLSTATE of a server error inside `error` (a transaction's closure error included), if any.
    static func sqlState(of error: any Error) -> String? {
        switch error {
        case let error as PSQLError where error.code == .server:
            error.serverInfo?[.sqlState]
        case let error as PostgresTransactionError:
            error.closureError.flatMap(sqlState) ?? error.commitError.flatMap(sqlState)
        default:
            nil
        }
    }

    /// `error` as the store reports it: its own and the sync store's errors unchanged, PostgresNIO's translated
    /// (never with bound values, which PostgresNIO masks, or the password, which it never holds in errors).
    static func translate(_ error: any Error) -> any Error {
        switch error {
        case is PostgresStoreError, is SyncStoreError, is StoreCopyError, is CancellationError:
            return error
        case let error as PostgresTransactionError:
            if let closure = error.closureError { return translate(closure) }
            if let begin = error.beginError { return translate(begin) }
            if let commit = error.commitError { return translate(commit) }
            if let rollback = error.rollbackError { return translate(rollback) }
            return PostgresStoreError.unavailable("a transaction failed")
        case let error as PSQLError:
            return translate(error)
        default:
            return PostgresStoreError.unavailable(String(describing: error))
        }
    }

    private static func translate(_ error: PSQLError) -> PostgresStoreError {
        switch error.code {
        case .server:
            let info = error.serverInfo
            let code = info?[.sqlState] ?? "?"
            var message = info?[.message] ?? "no message"
            if let constraint = info?[.constraintName] {
                message += " (constraint \(constraint))"
            } else if let table = info?[.tableName] {
                message += " (table \(table))"
            }
            if code == "28P01" || code == "28000" || code == "3D000" {
                return .unavailable(message)
            }
            return .server(code: code, message: message)
        case .queryCancelled:
            return .unavailable("the query was cancelled")
        case .sslUnsupported:
            return .unavailable("the server does not support TLS, which sslmode requires (set sslmode=disable to connect without it)")
        case .tooManyParameters:
            return .server(code: "54000", message: "too many bound values in one statement")
        default:
            let underlying = error.underlying.map { ": \($0)" } ?? ""
            return .unavailable("\(error.code)\(underlying)")
        }
    }
}
