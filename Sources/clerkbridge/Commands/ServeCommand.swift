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
import SyncEngine
import SyncStore

/// `clerkbridge serve`: the HTTP server (webhooks, health) plus the background worker.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP server (webhooks, shopper events, storefront script, recommendations, search, email blocks, health) and the background workers.",
        discussion: """
            Listens on CLERKBRIDGE_HOST:CLERKBRIDGE_PORT. Needs BIGCOMMERCE_WEBHOOK_SECRET or \
            BIGCOMMERCE_CLIENT_SECRET to authenticate webhooks. Webhooks are accepted and stored even while \
            BigCommerce or Clerk cannot be reached at start-up; the worker starts when they can. Runs until \
            SIGINT or SIGTERM, then stops accepting requests and lets the worker finish the jobs it holds. \
            Shopper events (POST /v1/events) are stored and forwarded to Clerk by the event forwarder; \
            GET /storefront.js serves the tracking script, GET /v1/recommendations the placements (JSON or \
            HTML), GET /v1/search and /v1/search/predictive search with the store's Product Filtering facets, \
            and GET /v1/email/blocks shoppers' email product blocks (with CLERKBRIDGE_EMAIL_BLOCKS_TOKEN).
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
            let runtime = try Runtime(settings: settings, retry: BackgroundWork.inJobRetry)
            do {
                let signal = WorkSignal()
                let cors = CORSPolicy(
                    baseURLs: EventForwarding.declaredBaseURLs(settings),
                    settled: settings.storefronts.allSatisfy { $0.baseURL != nil })
                let script = StorefrontScriptRoute(configuration: Self.scriptConfiguration(settings))
                let shops = ShopDirectory()
                let worker = WorkerService {
                    let targets = try await runtime.targetsWhenReachable()
                    await StorefrontServing.learn(targets, runtime: runtime, into: shops)
                    cors.replace(baseURLs: targets.map(\.storefront.baseURL) + EventForwarding.declaredBaseURLs(settings))
                    script.update(configuration: Self.scriptConfiguration(settings, targets: targets))
                    return BackgroundWork.worker(
                        runtime: runtime, targets: targets, signal: signal,
                        configuration: BackgroundWork.configuration(settings))
                }
                let eventSignal = WorkSignal()
                let forwarder = ForwarderService(
                    forwarder: EventForwarding.forwarder(
                        runtime: runtime, purchases: BackgroundWork.purchaseHandoff(runtime: runtime, signal: signal),
                        signal: eventSignal))
                let metrics = ServiceMetrics()
                // Once per process, and only here: HTTP request metrics go to the registry `/metrics` serves.
                MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics.registry))
                let app = Self.application(
                    runtime: runtime, authenticator: authenticator, signal: signal, services: [worker, forwarder],
                    cors: cors, events: EventForwarding.endpoint(runtime: runtime, signal: eventSignal),
                    metrics: metrics, storefrontScript: script,
                    shopperRoutes: try StorefrontServing.routes(runtime: runtime, shops: shops))
                try await app.runService()
                await runtime.shutdown()
            } catch {
                await runtime.shutdown()
                throw error
            }
        }
    }

    /// The Hummingbird application with clerkbridge's routes; `services` run beside the server. Browsers may call
    /// the `/v1` routes from the origins `cors` allows (default: the declared storefronts' base URLs).
    static func application(
        runtime: Runtime, authenticator: WebhookAuthenticator, signal: WorkSignal, services: [any Service],
        cors: CORSPolicy? = nil, events: EventsEndpoint? = nil, metrics: ServiceMetrics = ServiceMetrics(),
        storefrontScript: StorefrontScriptRoute? = nil, shopperRoutes: [any ShopperRoute] = [], port: Int? = nil,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let settings = runtime.settings
        let receiver = WebhookReceiver(
            authenticator: authenticator, inbox: runtime.store, storeHash: settings.bigCommerce.storeHash, signal: signal,
            logger: runtime.logger)
        let router = ServerRoutes.router(
            receiver: receiver, readiness: StoreReadiness(queue: runtime.store, expectWorkers: !services.isEmpty),
            cors: cors ?? CORSPolicy(baseURLs: EventForwarding.declaredBaseURLs(settings)), events: events, metrics: metrics, store: runtime.store,
            storefrontScript: storefrontScript ?? StorefrontScriptRoute(configuration: scriptConfiguration(settings)),
            shopperRoutes: shopperRoutes)
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
                ])
                await onRunning(bound)
            },
            logger: logger)
    }

    /// What `GET /storefront.js` serves: the storefronts (as resolved in `targets` when given, else as declared,
    /// channel 1 when undeclared), the public URL and the app's public client id. Never a secret.
    static func scriptConfiguration(_ settings: Settings, targets: [StorefrontTarget]? = nil)
        -> StorefrontScriptConfiguration
    {
        let storefronts = targets.map { targets in
            targets.map {
                StorefrontScriptStorefront(
                    name: $0.name, channelID: $0.storefront.channelID, currency: $0.storefront.currency,
                    locale: $0.storefront.locale)
            }
        } ?? settings.storefronts.map {
            StorefrontScriptStorefront(
                name: $0.name, channelID: $0.channelID ?? 1, currency: $0.currency, locale: $0.locale)
        }
        return StorefrontScriptConfiguration(
            publicURL: settings.effectivePublicURL, storefronts: storefronts, appClientID: settings.clientID,
            customerPlacements: settings.placements.filter { $0.kind == .postPurchase }.map(\.name))
    }
}
