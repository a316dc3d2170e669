import AsyncHTTPClient
import BigCommerceAPI
import CatalogMapping
import ClerkAPI
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Sandbox
import Server
import Storefront
import StorefrontRegistry
import SyncStore
import Tracking

/// `serve`'s whole router — webhooks, health, metrics, the storefront script, events, recommendations, search and
/// email blocks — over an in-memory store and the Clerk sandbox holding three lamps, with one storefront `main`
/// whose origin ``origin`` browsers may call from: for tests of what every route shares.
struct ServeRouter {
    /// The storefront's origin, the one browser origin allowed.
    static let origin = "https://shop.example.com"
    /// The access token of `GET /v1/email/blocks`.
    static let emailToken = "email-blocks-token"
    /// Every `GET` route, answered 200 (the email block with its token).
    static let getRoutes = [
        "/healthz", "/readyz", "/metrics", "/storefront.js", "/storefront.css", "/v1/recommendations?placement=home",
        "/v1/search?q=lamp", "/v1/search/predictive?q=lamp",
        "/v1/email/blocks?email=jo%40example.com&token=\(emailToken)",
    ]

    /// The router, with `extraRoutes` in the `/v1` group.
    let router: Router<ServerRequestContext>
    /// The sandbox whose Clerk answers.
    let sandbox: SandboxServer

    /// Builds the router (with `extraRoutes` beside the real `/v1` routes), runs `body`, and stops the sandbox.
    static func with(extraRoutes: [any ShopperRoute] = [], _ body: (ServeRouter) async throws -> Void) async throws {
        var quiet = Logger(label: "serve-router")
        quiet.logLevel = .critical
        let sandbox = try await SandboxServer.start(SandboxConfiguration(productCount: 1), logger: quiet)
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        var failure: (any Error)?
        do {
            let router = try await make(sandbox: sandbox, http: http, extraRoutes: extraRoutes, logger: quiet)
            try await body(ServeRouter(router: router, sandbox: sandbox))
        } catch {
            failure = error
        }
        try await http.shutdown()
        await sandbox.shutdown()
        if let failure { throw failure }
    }

    private static func make(
        sandbox: SandboxServer, http: HTTPClient, extraRoutes: [any ShopperRoute], logger: Logger
    ) async throws -> Router<ServerRequestContext> {
        let store = try SQLiteSyncStore.inMemory()
        // Generous budgets: the tests are about HTTP, not about a slow Clerk.
        let clerk = ClerkClient(baseURL: sandbox.clerkURL, httpClient: http, timeout: .seconds(10), logger: logger)
        let keys = ClerkStoreKeys(publicKey: sandbox.clerkStores[0].publicKey, privateKey: sandbox.clerkStores[0].privateKey)
        let usd = SourceCurrency(
            code: "USD", exchangeRate: 1, decimalPlaces: 2, isDefault: true,
            display: CurrencyDisplay(token: "$", tokenOnLeft: true, decimalToken: ".", thousandsToken: ","))
        let lamps = (1...3).map { id in
            StoredDocument(id: id, contentHash: "h\(id)", json: Array(
                #"{"categories":[5],"id":\#(id),"in_stock":true,"index":true,"name":"Lamp \#(id)","price":\#(id),"url":"\#(origin)/p\#(id)/"}"#.utf8))
        }
        try await store.upsertMirror(storefront: "main", entity: .product, documents: lamps)
        try await clerk.upsertProducts(lamps.map { RawDocument(id: $0.id, json: $0.json) }, keys: keys)
        let storefronts = StorefrontRegistry(resolved: [TestStorefronts.resolved("main", baseURL: origin, currency: usd, keys: keys)])
        let verifier = CustomerTokenVerifier(clientSecret: "client-secret", storeHash: "abc123")
        let routes: [any ShopperRoute] = [
            RecommendationsEndpoint(
                service: RecommendationService(clerk: clerk, mirror: store, budget: .seconds(10)), storefronts: storefronts,
                placements: Placement.defaults, verifier: verifier, orders: PlacedOrders(ledger: store, source: nil),
                renderers: try PlacementRenderers()),
            SearchEndpoint(
                service: SearchService(
                    clerk: clerk, mirror: store, merchandising: MerchandisingCache(source: NoMerchandising()),
                    budget: .seconds(10)),
                storefronts: storefronts, renderer: try SearchResultsRenderer()),
            EmailBlocksEndpoint(
                service: EmailBlockService(clerk: clerk, mirror: store, carts: nil, budget: .seconds(10)), storefronts: storefronts,
                renderer: try EmailBlockRenderer(), accessToken: emailToken),
        ]
        return ServerRoutes.router(
            receiver: WebhookReceiver(
                authenticator: WebhookAuthenticator(sharedSecret: "webhook-secret", clientSecret: nil), inbox: store,
                storeHash: "abc123", signal: nil, logger: logger),
            readiness: StoreReadiness(queue: store, expectWorkers: false), storefronts: storefronts,
            events: EventsEndpoint(
                intake: EventIntake(log: store, storefronts: ["main"], verifier: verifier), limiter: nil, signal: nil,
                logger: logger),
            metrics: ServiceMetrics(), store: store,
            storefrontScript: StorefrontScriptRoute(
                configuration: StorefrontScriptConfiguration(publicURL: "https://cb.example.com"), storefronts: storefronts),
            shopperRoutes: routes + extraRoutes)
    }

    /// Runs `body` with a client of the router, through Hummingbird's `setup` (`.router` or a `.live` server).
    func test<Value>(
        _ setup: TestingSetup = .router, _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        try await Application(router: router).test(setup, body)
    }

    /// Request headers with `Origin: origin` (none when nil).
    static func headers(origin: String?) -> HTTPFields {
        var headers: HTTPFields = [:]
        headers[.origin] = origin
        return headers
    }
}

/// A store whose search settings were never read: no facets, BigCommerce's default sort.
struct NoMerchandising: MerchandisingSource {
    func merchandisingSettings(channelID: Int) async throws -> MerchandisingSettings { .unknown }
}
