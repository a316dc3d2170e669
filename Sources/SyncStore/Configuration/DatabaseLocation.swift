import Foundation

/// Where the sync store lives, as given by `CLERKBRIDGE_DATABASE_URL` (or `database_url` in the config file).
///
/// Accepted values:
/// - `sqlite:PATH`: an SQLite file, PATH relative to the working directory or absolute
///   (`sqlite:///abs/path` is read as `/abs/path`);
/// - `sqlite::memory:`: an in-memory SQLite database (tests, demos);
/// - `postgres://USER:PASS@HOST:PORT/DB` (or `postgresql://`): a PostgreSQL database, opened by the store of
///   `SyncStorePostgres` (see ``PostgresLocation`` for its parameters).
public enum DatabaseLocation: Sendable, Hashable, CustomStringConvertible {
    /// An SQLite database file.
    case sqliteFile(path: String)
    /// An in-memory SQLite database.
    case sqliteInMemory
    /// A PostgreSQL database.
    case postgres(PostgresLocation)

    /// The environment variable holding the database URL.
    public static let environmentVariable = "CLERKBRIDGE_DATABASE_URL"
    /// The database URL used when none is configured.
    public static let defaultURL = "sqlite:clerkbridge.sqlite"

    /// Parses a database URL; errors name the (password-redacted) value and say what is expected.
    public static func parse(_ value: String) throws(DatabaseLocationError) -> DatabaseLocation {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .empty }
        let lowered = trimmed.lowercased()
        if lowered.hasPrefix("sqlite:") {
            return try parseSQLite(trimmed, rest: String(trimmed.dropFirst("sqlite:".count)))
        }
        if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") {
            return .postgres(try PostgresLocation(parsing: trimmed))
        }
        throw .unsupportedScheme(value: DatabaseLocationError.redact(trimmed))
    }

    private static func parseSQLite(_ value: String, rest: String) throws(DatabaseLocationError) -> DatabaseLocation {
        if rest == ":memory:" { return .sqliteInMemory }
        guard !rest.isEmpty else {
            throw .invalidSQLitePath(value: value, reason: "the path after 'sqlite:' is missing")
        }
        var path = rest
        if rest.hasPrefix("//") {
            guard rest.hasPrefix("///") else {
                throw .invalidSQLitePath(
                    value: value,
                    reason: "'sqlite://' would name a host; write sqlite:RELATIVE/PATH or sqlite:/ABSOLUTE/PATH"
                )
            }
            path = String(rest.dropFirst(2))
        }
        if path.contains("\u{0}") {
            throw .invalidSQLitePath(value: value, reason: "the path contains a NUL character")
        }
        if path.hasSuffix("/") {
            throw .invalidSQLitePath(value: value, reason: "the path names a directory, not a file")
        }
        return .sqliteFile(path: path)
    }

    /// The location as a URL, with any password replaced by `***`.
    public var description: String {
        switch self {
        case .sqliteFile(let path): "sqlite:\(path)"
        case .sqliteInMemory: "sqlite::memory:"
        case .postgres(let location): location.description
        }
    }
}
