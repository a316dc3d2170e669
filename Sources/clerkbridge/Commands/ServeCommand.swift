import ArgumentParser
import BigCommerceAPI
import Foundation
import Hummingbird
import Metrics
import Prometheus
import Reliability
import Server
import ServiceLifecycle
import Storefront
import StorefrontRegistry
import SyncEngine
import SyncStore

/// `clerkbridge serve`: the HTTP server (webhooks, health) plus the background worker.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP server (webhooks, shopper events, storefront script, recommendations, search, email blocks, health, the operator's dashboard) and the background workers.",
        discussion: """
            Listens on CLERKBRIDGE_HOST:CLERKBRIDGE_PORT. Needs BIGCOMMERCE_WEBHOOK_SECRET or \
            BIGCOMMERCE_CLIENT_SECRET to authenticate webhooks. Webhooks are accepted and stored even while \
            BigCommerce or Clerk cannot be reached at start-up; the worker starts when they can. Runs until \
            SIGINT or SIGTERM, then stops accepting requests and lets the worker finish the jobs it holds. \
            Shopper events (POST /v1/events) are stored and forwarded to Clerk by the event forwarder; \
            GET /storefront.js serves the tracking script, GET /v1/recommendations the placements (JSON or \
            HTML), GET /v1/search and /v1/search/predictive search with the store's Product Filtering facets, \
            GET /v1/email/blocks shoppers' email product blocks (with CLERKBRIDGE_EMAIL_BLOCKS_TOKEN), and \
            /admin the operator's dashboard with its JSON API under /admin/api (CLERKBRIDGE_ADMIN_TOKEN, or \
            CLERKBRIDGE_ADMIN_READONLY_TOKEN to look only; without a token, loopback clients only).
            Exit status: 0 after SIGINT or SIGTERM; 2 could not start (configuration, no webhook secret, wrong \
            credentials, the port in use).
            """)

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        try await runCommand {
            let settings = try options.settings()
            let authenticator = WebhookAuthenticator(sharedSecret: settings.webhookSecret, clientSecret: settings.clientSecret)
            guard authenticator.isConfigured else {
                throw CommandFailure.couldNotStart(
                    "serve needs BIGCOMMERCE_WEBHOOK_SECRET (bigcommerce.webhook_secret) or BIGCOMMERCE_CLIENT_SECRET (bigcommerce.client_secret) to authenticate webhooks")
            }
            let runtime = try await Runtime(settings: settings, retry: BackgroundWork.inJobRetry, role: "serve")
            do {
                let metrics = ServiceMetrics()
                // Once per process, and only here: HTTP request metrics go to the registry `/metrics` serves.
                MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics.registry))
                let app = try Self.serving(
                    runtime: runtime, authenticator: authenticator,
                    workerConfiguration: BackgroundWork.configuration(settings), metrics: metrics)
                try await app.runService()
                await runtime.shutdown()
            } catch {
                await runtime.shutdown()
                throw StartupError(listening: error, host: settings.host, port: settings.port) ?? error
            }
        }
    }

    /// `serve` as it runs: every route, the event forwarder, and the worker, which starts once the storefronts
    /// are resolved against the store (filling the registry the routes, CORS and the script read).
    static func serving(
        runtime: Runtime, authenticator: WebhookAuthenticator, workerConfiguration: WorkerConfiguration,
        metrics: ServiceMetrics = ServiceMetrics(), port: Int? = nil, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let signal = WorkSignal()
        let worker = WorkerService {
            BackgroundWork.worker(
                runtime: runtime, targets: try await runtime.targetsWhenReachable(), signal: signal,
                configuration: workerConfiguration)
        }
        let eventSignal = WorkSignal()
        // Work stored by other instances (on PostgreSQL) wakes these runners too.
        runtime.store.wakeOnNewWork(jobs: signal, events: eventSignal)
        let forwarder = ForwarderService(
            forwarder: EventForwarding.forwarder(
                runtime: runtime, purchases: BackgroundWork.purchaseHandoff(runtime: runtime, signal: signal),
                signal: eventSignal))
        return application(
            runtime: runtime, authenticator: authenticator, signal: signal, services: [worker, forwarder],
            events: EventForwarding.endpoint(runtime: runtime, signal: eventSignal), metrics: metrics,
            shopperRoutes: try StorefrontServing.routes(runtime: runtime), port: port, onRunning: onRunning)
    }

    /// The Hummingbird application with clerkbridge's routes; `services` run beside the server. Browsers may call
    /// the `/v1` routes from the base URLs of `runtime`'s storefronts.
    static func application(
        runtime: Runtime, authenticator: WebhookAuthenticator, signal: WorkSignal, services: [any Service],
        events: EventsEndpoint? = nil, metrics: ServiceMetrics = ServiceMetrics(),
        shopperRoutes: [any ShopperRoute] = [], admin: AdminRoutes? = nil, port: Int? = nil,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let settings = runtime.settings
        let receiver = WebhookReceiver(
            authenticator: authenticator, inbox: runtime.store, storeHash: settings.bigCommerce.storeHash, signal: signal,
            logger: runtime.logger)
        let readiness = StoreReadiness(
            queue: runtime.store, expectWorkers: !services.isEmpty, health: runtime.health, storefronts: runtime.storefronts)
        let router = ServerRoutes.router(
            receiver: receiver, readiness: readiness, storefronts: runtime.storefronts, events: events, metrics: metrics,
            store: runtime.store,
            storefrontScript: StorefrontScriptRoute(configuration: scriptConfiguration(settings), storefronts: runtime.storefronts),
            shopperRoutes: shopperRoutes, admin: admin ?? DashboardServing.routes(runtime: runtime, readiness: readiness, signal: signal))
        let logger = runtime.logger
        let host = settings.host
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port ?? settings.port), serverName: "clerkbridge"),
            services: services,
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? settings.port
                logger.notice("Listening", metadata: [
                    "address": "\(host):\(bound)", "webhooks": "\(settings.effectivePublicURL)/webhooks/bigcommerce",
                    "events": "\(settings.effectivePublicURL)/v1/events",
                    "dashboard": settings.adminToken == nil
                        ? "http://\(host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host):\(bound)/admin (loopback only until CLERKBRIDGE_ADMIN_TOKEN is set)"
                        : "\(settings.effectivePublicURL)/admin",
                ])
                await onRunning(bound)
            },
            logger: logger)
    }

    /// What `GET /storefront.js` injects besides the storefronts: the public URL, the app's public client id and the
    /// placements that need the signed-in customer. Never a secret.
    static func scriptConfiguration(_ settings: Settings) -> StorefrontScriptConfiguration {
        StorefrontScriptConfiguration(
            publicURL: settings.effectivePublicURL, appClientID: settings.clientID,
            customerPlacements: settings.placements.filter { $0.kind == .postPurchase }.map(\.name))
    }
}
