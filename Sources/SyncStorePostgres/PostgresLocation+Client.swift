import Foundation
import NIOSSL
import PostgresNIO
import SyncStore

extension PostgresLocation {
    /// The user when the URL names none.
    static let defaultUser = "postgres"

    /// The pool's configuration: TLS from `sslmode` (as libpq reads it), the pool size, and `application_name` so
    /// `pg_stat_activity` shows which clerkbridge command holds a connection.
    ///
    /// Never log the result: it holds the password (only ``description`` may be shown).
    func clientConfiguration(applicationName: String) throws -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let socketPath {
            configuration = PostgresClient.Configuration(
                unixSocketPath: socketPath, username: user ?? Self.defaultUser, password: password, database: database)
        } else {
            let tls: PostgresClient.Configuration.TLS = switch try tlsPolicy() {
            case .none: .disable
            case .some(let policy) where policy.required: .require(policy.configuration)
            case .some(let policy): .prefer(policy.configuration)
            }
            configuration = PostgresClient.Configuration(
                host: host, port: port, username: user ?? Self.defaultUser, password: password, database: database, tls: tls)
        }
        configuration.options.maximumConnections = poolSize
        configuration.options.connectTimeout = connectTimeout
        configuration.options.additionalStartupParameters = [
            ("application_name", parameters["application_name"] ?? applicationName)
        ]
        return configuration
    }

    /// The configuration of one connection (start-up checks fail fast with it; the pool retries for a minute).
    func connectionConfiguration(applicationName: String) throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let socketPath {
            configuration = PostgresConnection.Configuration(
                unixSocketPath: socketPath, username: user ?? Self.defaultUser, password: password, database: database)
        } else {
            let tls: PostgresConnection.Configuration.TLS = switch try tlsPolicy() {
            case .none: .disable
            case .some(let policy) where policy.required: .require(try NIOSSLContext(configuration: policy.configuration))
            case .some(let policy): .prefer(try NIOSSLContext(configuration: policy.configuration))
            }
            configuration = PostgresConnection.Configuration(
                host: host, port: port, username: user ?? Self.defaultUser, password: password, database: database, tls: tls)
        }
        configuration.options.connectTimeout = .nanoseconds(Int64(connectTimeout.components.seconds) * 1_000_000_000)
        configuration.options.additionalStartupParameters = [
            ("application_name", parameters["application_name"] ?? applicationName)
        ]
        return configuration
    }

    /// TLS as `sslmode` asks: nil for none; otherwise whether it is required and how the server is checked.
    private func tlsPolicy() throws -> (required: Bool, configuration: TLSConfiguration)? {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch sslMode {
        case .disable:
            return nil
        case .allow, .prefer:
            tls.certificateVerification = .none
            return (false, tls)
        case .require:
            // As libpq: a root certificate given makes `require` check the chain like `verify-ca`.
            tls.certificateVerification = rootCertificatePath == nil ? .none : .noHostnameVerification
        case .verifyCA:
            tls.certificateVerification = .noHostnameVerification
        case .verifyFull:
            tls.certificateVerification = .fullVerification
        }
        if let rootCertificatePath {
            guard FileManager.default.isReadableFile(atPath: rootCertificatePath) else {
                throw PostgresStoreError.configuration("sslrootcert '\(rootCertificatePath)' is not a readable file")
            }
            tls.trustRoots = .file(rootCertificatePath)
        }
        return (true, tls)
    }
}
