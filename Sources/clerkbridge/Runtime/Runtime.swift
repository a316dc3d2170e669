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
    let store: any SyncDatabase
    let retry: RetryPolicy
    /// Whether BigCommerce, Clerk and the database answer, as this process's calls find them.
    let health: DependencyHealth
    /// The storefronts: as declared, and resolved against the store once ``targets(only:)`` read it.
    let storefronts: StorefrontRegistry

    /// Wires the clients and opens (and migrates) the database; PostgreSQL connections show as
    /// `clerkbridge-ROLE` in `pg_stat_activity`.
    init(settings: Settings, retry: RetryPolicy = RetryPolicy(), role: String = "cli") async throws {
        self.settings = settings
        self.retry = retry
        let logger = Runtime.logger(settings: settings)
        self.logger = logger
        for warning in settings.warnings { logger.warning("\(warning)") }
        var configuration = HTTPClient.Configuration()
        // Per host: the event forwarder keeps its Clerk calls in flight; BigCommerce is paced by its governor.
        configuration.connectionPool = .init(
            idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: max(32, settings.forwardConcurrency))
        // A refused connection or an unknown host fails the request at once instead of being retried by the pool
        // until the request's deadline: clerkbridge's own retries and outage handling decide what happens next.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(60))
        configuration.decompression = .enabled(limit: .none)
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let health = DependencyHealth(logger: logger)
        self.health = health
        storefronts = StorefrontRegistry(declared: settings.storefronts)
        bigCommerce = BigCommerceClient(
            credentials: settings.bigCommerce, httpClient: http, governor: Self.governor(settings), health: health, logger: logger)
        clerk = ClerkClient(baseURL: settings.clerkAPIURL, httpClient: http, health: health, logger: logger)
        do {
            store = try await SyncDatabaseOpener.open(settings.databaseURL, applicationName: "clerkbridge-\(role)", logger: logger)
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    /// The one rate governor of the store: room for every product page a reindex reads at once and the price-list
    /// reads beside each (BigCommerce documents no store-wide concurrency limit since 2023; the endpoints that have one
    /// are held to it by the governor).
    static func governor(_ settings: Settings) -> RateGovernor {
        RateGovernor(maxConcurrentRequests: max(3, 3 * settings.crawlConcurrency))
    }

    /// The reindex options the settings give.
    func reindexOptions(full: Bool = false, allowMassRemoval: Bool = false) -> Reindexer.Options {
        Reindexer.Options(
            full: full, removalGuard: RemovalGuard(maxFraction: settings.maxRemovalFraction, allowMassRemoval: allowMassRemoval),
            crawlConcurrency: settings.crawlConcurrency)
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
        let bigCommerceSetting = "BIGCOMMERCE_API_URL (bigcommerce.api_url) \(settings.bigCommerce.apiURL.redactingUserInfo)"
        do {
            targets = try await Self.startupRetry.run(
                classify: Self.startupRetryability, attemptTimeout: Self.startupAttemptTimeout,
                onRetry: { _, error, wait in Self.sayRetrying(bigCommerceSetting, error, wait) }
            ) {
                try await StorefrontDiscovery(client: self.bigCommerce).resolve(selected)
            }
        } catch let error as StorefrontDiscoveryError {
            throw StartupError(error.description)
        } catch where Self.unreachable(error) {
            throw StartupError("\(bigCommerceSetting): \(Self.reason(error))", unreachable: .bigCommerce)
        } catch {
            throw StartupError("BigCommerce: \(error)", transient: Retryability.of(error).mayRetry)
        }
        let clerkSetting = "CLERK_API_URL (clerk.api_url) \(settings.clerkAPIURL.redactingUserInfo)"
        for target in targets {
            do {
                try await Self.startupRetry.run(
                    classify: Self.startupRetryability, attemptTimeout: Self.startupAttemptTimeout,
                    onRetry: { _, error, wait in Self.sayRetrying(clerkSetting, error, wait) }
                ) {
                    try await self.clerk.verifyKeys(target.clerkKeys)
                }
            } catch let error as ClerkError where error.kind == .authentication {
                throw StartupError("storefront `\(target.name)`: Clerk refused its keys — check clerk_public_key and clerk_private_key (\(error.message))")
            } catch where Self.unreachable(error) {
                throw StartupError("storefront `\(target.name)`: \(clerkSetting): \(Self.reason(error))", unreachable: .clerk)
            } catch {
                throw StartupError("storefront `\(target.name)`: Clerk: \(error)", transient: Retryability.of(error).mayRetry)
            }
        }
        if name == nil { storefronts.resolve(targets) }
        return targets
    }

    /// How start-up checks retry an API that does not answer: twice at most, each try given 9 s, so a command
    /// that cannot reach BigCommerce or Clerk stops within 20 s; a host that does not resolve is not tried again.
    static let startupRetry = RetryPolicy(base: .milliseconds(500), cap: .seconds(1), maxAttempts: 2)
    static let startupAttemptTimeout: Duration = .seconds(9)

    @Sendable static func startupRetryability(_ error: any Error) -> Retryability {
        switch error {
        case BigCommerceError.unknownHost: .permanent
        case let error as ClerkError where error.kind == .unknownHost: .permanent
        case is BigCommerceError, is ClerkError, is AttemptTimedOut: Retryability.of(error)
        default: .permanent
        }
    }

    /// Whether `error` says the API could not be reached at all (as opposed to an answer that refused).
    static func unreachable(_ error: any Error) -> Bool {
        switch error {
        case BigCommerceError.transport, BigCommerceError.unknownHost, BigCommerceError.timeout, is AttemptTimedOut: true
        case let error as ClerkError: [.transport, .unknownHost, .timeout].contains(error.kind)
        default: false
        }
    }

    /// Tells the operator on standard error that a start-up check waits on a retry.
    @Sendable static func sayRetrying(_ setting: String, _ error: any Error, _ wait: Duration) {
        let seconds = String(format: "%.1f", wait.timeInterval)
        FileHandle.standardError.write(Data("\(setting): \(reason(error)); trying again in \(seconds) s\n".utf8))
    }

    /// What went wrong reaching an API, in the operator's words (never a secret).
    static func reason(_ error: any Error) -> String {
        switch error {
        case BigCommerceError.transport(let message): message.components(separatedBy: ": ").last ?? message
        case BigCommerceError.unknownHost: "unknown host (the name does not resolve)"
        case BigCommerceError.timeout: "no answer in time"
        case let error as ClerkError where error.kind == .unknownHost: "unknown host (the name does not resolve)"
        case let error as ClerkError where error.kind == .transport: error.message
        case let error as ClerkError where error.kind == .timeout: "no answer in time"
        default: "\(error)"
        }
    }

    /// Like ``targets(only:)`` for all storefronts, but waits out BigCommerce or Clerk being unreachable
    /// (backing off up to a minute, until cancelled) instead of failing: a long-running service should
    /// come up when they do. Wrong credentials or configuration still throw at once.
    func targetsWhenReachable() async throws -> [ResolvedStorefront] {
        var attempt = 1
        let backoff = RetryPolicy(base: .seconds(2), cap: .seconds(60))
        while true {
            do {
                let targets = try await targets(only: nil)
                if attempt > 1 { logger.notice("Storefronts resolved; the worker starts", metadata: ["attempts": "\(attempt)"]) }
                return targets
            } catch let error as StartupError where error.transient {
                let wait = backoff.ceiling(afterAttempt: attempt)
                // Logged once, when the dependency goes down (and once when it answers again), not at every try.
                if let dependency = error.unreachable { health.wentDown(dependency, at: Date(), reason: error.description) }
                if attempt == 1 {
                    logger.warning("Cannot resolve the storefronts yet; webhooks and events are still accepted and stored", metadata: [
                        "error": "\(error.description)",
                    ])
                }
                try await Task.sleep(for: wait)
                attempt += 1
            }
        }
    }

    func shutdown() async {
        try? await http.shutdown()
        await store.close()
    }

    /// Runs `body` with a runtime built from `settings`, shutting it down exactly once afterwards.
    static func using<T>(_ settings: Settings, _ body: (Runtime) async throws -> T) async throws -> T {
        let runtime = try await Runtime(settings: settings)
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
    /// The dependency that could not be reached, when that is the cause.
    let unreachable: Dependency?

    init(_ description: String, transient: Bool = false) {
        self.description = description
        self.transient = transient
        self.unreachable = nil
    }

    init(_ description: String, unreachable dependency: Dependency) {
        self.description = description
        self.transient = true
        self.unreachable = dependency
    }
}
