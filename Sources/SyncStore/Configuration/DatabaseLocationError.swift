/// A database URL that could not be understood. Values shown in messages have their password redacted.
public enum DatabaseLocationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The value is empty.
    case empty
    /// The scheme is neither `sqlite:` nor `postgres://`.
    case unsupportedScheme(value: String)
    /// A `sqlite:` value whose path is unusable.
    case invalidSQLitePath(value: String, reason: String)
    /// A `postgres://` value that is malformed.
    case invalidPostgresURL(value: String, reason: String)

    /// A message naming the bad value and what is expected.
    public var description: String {
        let expected = "expected sqlite:PATH, sqlite::memory: or postgres://USER:PASS@HOST:PORT/DB"
        return switch self {
        case .empty:
            "the database URL (\(DatabaseLocation.environmentVariable)) is empty; \(expected)"
        case .unsupportedScheme(let value):
            "unsupported database URL '\(value)' (\(DatabaseLocation.environmentVariable)); \(expected)"
        case .invalidSQLitePath(let value, let reason):
            "invalid database URL '\(value)' (\(DatabaseLocation.environmentVariable)): \(reason)"
        case .invalidPostgresURL(let value, let reason):
            "invalid database URL '\(value)' (\(DatabaseLocation.environmentVariable)): \(reason); \(expected)"
        }
    }

    /// `value` with the password of a `scheme://user:password@host` prefix replaced by `***`.
    static func redact(_ value: String) -> String {
        guard let schemeEnd = value.range(of: "://") else { return value }
        let authorityEnd = value[schemeEnd.upperBound...].firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? value.endIndex
        let authority = value[schemeEnd.upperBound..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"),
              let colon = authority[..<at].firstIndex(of: ":")
        else { return value }
        return String(value[..<value.index(after: colon)]) + "***" + String(value[at...])
    }
}
