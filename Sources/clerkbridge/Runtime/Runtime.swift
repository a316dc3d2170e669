import AsyncHTTPClient
import BigCommerceAPI
import ClerkAPI
import Foundation
import Logging
import Reliability
import StorefrontRegistry
import SyncEngine
import SyncStore

/// The concrete pieces one command runs with, wired from the settings. Call ``shutdown()`` when done.
final class Runtime: Sendable {
    let settings: Settings
    let logger: Logger
    let http: HTTPClient
    let bigCommerce: BigCommerceClient
    let clerk: ClerkClient
    let store: SQLiteSyncStore
    let retry: RetryPolicy
    /// Whether BigCommerce, Clerk and the database answer, as this process's calls find them.
    let health: DependencyHealth
    /// The storefronts: as declared, and resolved against the store once ``targets(only:)`` read it.
    let storefronts: StorefrontRegistry

    init(settings: Settings, retry: RetryPolicy = RetryPolicy()) throws {
        self.settings = settings
        self.retry = retry
        let logger = Runtime.logger(settings: settings)
        self.logger = logger
        for warning in settings.warnings { logger.warning("\(warning)") }
        var configuration = HTTPClient.Configuration()
        // Per host: the event forwarder keeps its Clerk calls in flight; BigCommerce is paced by its governor.
        configuration.connectionPool = .init(
            idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: max(32, settings.forwardConcurrency))
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(60))
        configuration.decompression = .enabled(limit: .none)
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let health = DependencyHealth(logger: logger)
        self.health = health
        storefronts = StorefrontRegistry(declared: settings.storefronts)
        bigCommerce = BigCommerceClient(
            credentials: settings.bigCommerce, httpClient: http, governor: RateGovernor(), health: health, logger: logger)
        clerk = ClerkClient(baseURL: settings.clerkAPIURL, httpClient: http, health: health, logger: logger)
        do {
            store = try SQLiteSyncStore.open(DatabaseLocation.parse(settings.databaseURL))
        } catch {
            try? http.syncShutdown()
            throw ConfigurationError("CLERKBRIDGE_DATABASE_URL (database_url): \(error)")
        }
    }

    static func logger(settings: Settings) -> Logger {
        let secrets = settings.secrets
        return Logger(label: "clerkbridge") { label in
            RedactingLogHandler(label: label, level: settings.logLevel, format: settings.logFormat, secrets: secrets)
        }
    }

    /// A catalog reader over the BigCommerce client (retrying with `retry`, else the runtime's policy).
    func reader(retry: RetryPolicy? = nil) -> CatalogReader {
        CatalogReader(client: bigCommerce, retry: retry ?? self.retry, includeVariants: settings.includeVariants, logger: logger)
    }

    /// A Clerk writer with the configured batch size (retrying with `retry`, else the runtime's policy).
    func writer(retry: RetryPolicy? = nil) -> ClerkWriter {
        ClerkWriter(clerk: clerk, retry: retry ?? self.retry, batchSize: settings.clerkBatchSize, logger: logger)
    }

    /// Resolves the declared storefronts against the store (mapping.md section 1 defaults), keeping
    /// only `name` when given, and checks each Clerk store's keys. All of them resolved go into the registry.
    /// - Throws: ``StartupError`` naming the credential or setting at fault.
    func targets(only name: String?) async throws -> [ResolvedStorefront] {
        var declared = settings.storefronts
        if let name {
            declared = declared.filter { $0.name == name }
            guard !declared.isEmpty else {
                let known = settings.storefronts.map(\.name).joined(separator: ", ")
                throw StartupError("no storefront named `\(name)` (declared: \(known))")
            }
        }
        let targets: [ResolvedStorefront]
        let selected = declared
        do {
            targets = try await retry.run(classify: { ($0 as? BigCommerceError)?.retryability ?? .permanent }) {
                try await StorefrontDiscovery(client: self.bigCommerce).resolve(selected)
            }
        } catch let error as BigCommerceError {
            throw StartupError("BigCommerce: \(error)", transient: error.retryability.mayRetry)
        } catch let error as StorefrontDiscoveryError {
            throw StartupError(error.description)
        }
        for target in targets {
            do {
                try await retry.run(classify: { ($0 as? ClerkError)?.retryability ?? .permanent }) {
                    try await self.clerk.verifyKeys(target.clerkKeys)
                }
            } catch let error as ClerkError where error.kind == .authentication {
                throw StartupError("storefront `\(target.name)`: Clerk refused its keys — check clerk_public_key and clerk_private_key (\(error.message))")
            } catch let error as ClerkError {
                throw StartupError(
                    "storefront `\(target.name)`: cannot reach Clerk at \(settings.clerkAPIURL.redactingUserInfo): \(error)",
                    transient: error.retryability.mayRetry)
            }
        }
        if name == nil { storefronts.resolve(targets) }
        return targets
    }

    /// Like ``targets(only:)`` for all storefronts, but waits out BigCommerce or Clerk being unreachable
    /// (backing off up to a minute, until cancelled) instead of failing: a long-running service should
    /// come up when they do. Wrong credentials or configuration still throw at once.
    func targetsWhenReachable() async throws -> [ResolvedStorefront] {
        var attempt = 1
        let backoff = RetryPolicy(base: .seconds(2), cap: .seconds(60))
        while true {
            do {
                return try await targets(only: nil)
            } catch let error as StartupError where error.transient {
                let wait = backoff.ceiling(afterAttempt: attempt)
                logger.warning("Cannot resolve the storefronts yet; webhooks are still accepted and stored", metadata: [
                    "error": "\(error.description)", "retry_in_s": "\(wait.components.seconds)",
                ])
                try await Task.sleep(for: wait)
                attempt += 1
            }
        }
    }

    func shutdown() async {
        try? await http.shutdown()
    }

    /// Runs `body` with a runtime built from `settings`, shutting it down exactly once afterwards.
    static func using<T>(_ settings: Settings, _ body: (Runtime) async throws -> T) async throws -> T {
        let runtime = try Runtime(settings: settings)
        do {
            let result = try await body(runtime)
            await runtime.shutdown()
            return result
        } catch {
            await runtime.shutdown()
            throw error
        }
    }
}

/// A command could not start: configuration, credentials or an unreachable API. Exit status 2.
struct StartupError: Error, CustomStringConvertible {
    let description: String
    /// Whether the cause may go away by itself (an API unreachable), as opposed to a wrong setting.
    let transient: Bool

    init(_ description: String, transient: Bool = false) {
        self.description = description
        self.transient = transient
    }
}
