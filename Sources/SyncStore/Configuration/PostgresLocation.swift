import Foundation

/// The parts of a `postgres://USER:PASS@HOST:PORT/DB` URL. The description redacts the password.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    /// Host name or address.
    public var host: String
    /// TCP port (5432 when the URL has none).
    public var port: Int
    /// User name, when given.
    public var user: String?
    /// Password, when given. Never printed.
    public var password: String?
    /// Database name.
    public var database: String
    /// Query parameters (e.g. `sslmode`), in URL order.
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
        guard let host = components.host, !host.isEmpty else {
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
        var parameters: [String: String] = [:]
        for item in components.queryItems ?? [] {
            parameters[item.name] = item.value ?? ""
        }
        self.init(
            host: host,
            port: port,
            user: components.user.flatMap { $0.isEmpty ? nil : $0 },
            password: components.password,
            database: database,
            parameters: parameters
        )
    }

    /// The URL with the password replaced by `***`.
    public var description: String {
        var userInfo = ""
        if let user {
            userInfo = password == nil ? "\(user)@" : "\(user):***@"
        }
        return "postgres://\(userInfo)\(host):\(port)/\(database)"
    }
}
