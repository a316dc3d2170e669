import Foundation

/// The parts of a `postgres://USER:PASS@HOST:PORT/DB?PARAMETERS` URL. The description redacts the password.
///
/// Parameters (all optional; any other name is refused):
/// - `sslmode`: `disable`, `allow`, `prefer` (the default), `require`, `verify-ca` or `verify-full`, as libpq reads them;
/// - `sslrootcert`: the CA certificates file `verify-ca` and `verify-full` trust (`system`: the system's, the default);
/// - `host`: a directory holding the server's unix socket (`/var/run/postgresql`), used instead of TCP;
/// - `pool_size`: connections each clerkbridge process keeps at most (default 20);
/// - `connect_timeout`: seconds to wait for a connection (default 10);
/// - `application_name`: how the connections show in `pg_stat_activity` (default `clerkbridge-COMMAND`).
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    /// How the connection is encrypted and the server checked, as libpq's `sslmode`.
    public enum SSLMode: String, Sendable, Hashable, CaseIterable {
        /// No TLS.
        case disable
        /// TLS when the server offers it, without checking its certificate (PostgresNIO has no plain-first mode, so
        /// this is `prefer`).
        case allow
        /// TLS when the server offers it, without checking its certificate (the default).
        case prefer
        /// TLS always, without checking the certificate.
        case require
        /// TLS always, with a certificate signed by a trusted CA (any host name).
        case verifyCA = "verify-ca"
        /// TLS always, with a certificate signed by a trusted CA for this host name.
        case verifyFull = "verify-full"
    }

    /// The query parameters understood.
    public static let knownParameters = ["sslmode", "sslrootcert", "host", "pool_size", "connect_timeout", "application_name"]
    /// Connections per process when `pool_size` is not given.
    public static let defaultPoolSize = 20

    /// Host name or address (empty when `host` names a socket directory and the URL has none).
    public var host: String
    /// TCP port (5432 when the URL has none); also the number in the unix socket's name.
    public var port: Int
    /// User name, when given.
    public var user: String?
    /// Password, when given. Never printed.
    public var password: String?
    /// Database name.
    public var database: String
    /// Query parameters (e.g. `sslmode`).
    public var parameters: [String: String]

    /// Creates a location from its parts.
    public init(host: String, port: Int = 5432, user: String?, password: String?, database: String, parameters: [String: String] = [:]) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.parameters = parameters
    }

    /// Parses `postgres://` or `postgresql://` URLs; errors show the value with the password redacted.
    public init(parsing value: String) throws(DatabaseLocationError) {
        let shown = DatabaseLocationError.redact(value)
        guard let components = URLComponents(string: value) else {
            throw .invalidPostgresURL(value: shown, reason: "it is not a valid URL (check the port and escape special characters in the password)")
        }
        var parameters: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard Self.knownParameters.contains(item.name) else {
                throw .invalidPostgresURL(
                    value: shown,
                    reason: "the parameter '\(item.name)' is not known (known: \(Self.knownParameters.joined(separator: ", ")))")
            }
            parameters[item.name] = item.value ?? ""
        }
        let host = components.host ?? ""
        guard !host.isEmpty || parameters["host"]?.hasPrefix("/") == true else {
            throw .invalidPostgresURL(value: shown, reason: "the host is missing")
        }
        let port: Int
        if let given = components.port {
            guard (1...65_535).contains(given) else {
                throw .invalidPostgresURL(value: shown, reason: "the port \(given) is out of range")
            }
            port = given
        } else {
            port = 5432
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !database.isEmpty, !database.contains("/") else {
            throw .invalidPostgresURL(value: shown, reason: "the database name (the path after the host) is missing")
        }
        self.init(
            host: host,
            port: port,
            user: components.user.flatMap { $0.isEmpty ? nil : $0 },
            password: components.password,
            database: database,
            parameters: parameters
        )
        try validateParameters(shown: shown)
    }

    private func validateParameters(shown: String) throws(DatabaseLocationError) {
        if let mode = parameters["sslmode"], SSLMode(rawValue: mode) == nil {
            throw .invalidPostgresURL(
                value: shown,
                reason: "sslmode '\(mode)' is not one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let directory = parameters["host"], !directory.hasPrefix("/") {
            throw .invalidPostgresURL(value: shown, reason: "the host parameter must be the absolute path of the socket directory")
        }
        if let size = parameters["pool_size"], Int(size).map({ (2...1_000).contains($0) }) != true {
            throw .invalidPostgresURL(value: shown, reason: "pool_size '\(size)' is not a number of connections from 2 to 1000")
        }
        if let seconds = parameters["connect_timeout"], Int(seconds).map({ (1...600).contains($0) }) != true {
            throw .invalidPostgresURL(value: shown, reason: "connect_timeout '\(seconds)' is not a number of seconds from 1 to 600")
        }
    }

    /// The `sslmode` parameter (`prefer` when absent).
    public var sslMode: SSLMode {
        parameters["sslmode"].flatMap(SSLMode.init(rawValue:)) ?? .prefer
    }

    /// The CA file `sslrootcert` names, or nil for the system's trust store.
    public var rootCertificatePath: String? {
        parameters["sslrootcert"].flatMap { $0.isEmpty || $0 == "system" ? nil : $0 }
    }

    /// The unix socket file when the `host` parameter names its directory (`DIR/.s.PGSQL.PORT`).
    public var socketPath: String? {
        parameters["host"].map { "\($0.hasSuffix("/") ? String($0.dropLast()) : $0)/.s.PGSQL.\(port)" }
    }

    /// Connections each process keeps at most.
    public var poolSize: Int {
        parameters["pool_size"].flatMap(Int.init) ?? Self.defaultPoolSize
    }

    /// How long to wait for a connection.
    public var connectTimeout: Duration {
        .seconds(parameters["connect_timeout"].flatMap(Int.init) ?? 10)
    }

    /// The URL with the password replaced by `***` (the parameters but the socket directory left out).
    public var description: String {
        var userInfo = ""
        if let user {
            userInfo = password == nil ? "\(user)@" : "\(user):***@"
        }
        let socket = parameters["host"].map { "?host=\($0)" } ?? ""
        return "postgres://\(userInfo)\(host):\(port)/\(database)\(socket)"
    }
}
