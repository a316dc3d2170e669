import BigCommerceAPI
import CatalogMapping
import Foundation
import Hummingbird
import Logging
import Reliability
import Server
import StorefrontRegistry
import SyncEngine
import Synchronization
import SyncStore
import Tracking

/// Two loopback origins for browser tests: a storefront serving `pages` (and `/customer/current.jwt`), and
/// clerkbridge's HTTP app with the real `GET /storefront.js` and `POST /v1/events` (CORS for the storefront's
/// origin only, events made durable in an in-memory SQLite store), with the requests to the latter recorded.
struct StorefrontHarness {
    static let appClientID = "test-app-client-id"
    /// The app's client secret the intake verifies customer JWTs with (never given to the page).
    static let clientSecret = "test-app-client-secret"
    static let storeHash = "abc123"

    /// The storefront's origin, e.g. `http://127.0.0.1:PORT`.
    let pageOrigin: String
    /// The requests to `/v1/events`.
    let requests: RequestLog
    /// The store behind the intake.
    let store: SQLiteSyncStore
    /// How often the page asked for the customer JWT.
    let jwtRequests: Counter

    /// Starts both servers, runs `body`, and stops them. `pages` maps a path to HTML given the app's origin;
    /// `jwt` is the token `/customer/current.jwt` answers with (nil: 404, a guest), as `{"token": …}` JSON when
    /// `jwtAsJSON` (as the sandbox assumes) else as the bare token; the first `failStores` batches find
    /// the database gone (503); `shopperRoutes` join the app's routes.
    static func with(
        pages: [String: @Sendable (_ app: String) -> String], jwt: String?, jwtAsJSON: Bool = false,
        failStores: Int = 0, shopperRoutes: [any ShopperRoute] = [],
        _ body: (StorefrontHarness) async throws -> Void
    ) async throws {
        // The app server starts first on a port of its own choosing (reserving one and binding it later
        // raced with the page server taking it); the script and CORS learn the two origins afterwards.
        let store = try SQLiteSyncStore.inMemory()
        let intake = EventIntake(
            log: FlakyEventLog(base: store, failures: failStores), storefronts: ["us", "eu"],
            verifier: CustomerTokenVerifier(clientSecret: Self.clientSecret, storeHash: Self.storeHash))
        // The page server's origin is the storefronts' base URL, learnt once it listens.
        let storefronts = StorefrontRegistry(declared: [
            DeclaredStorefront(name: "us", channelID: 1, currency: "USD", locale: "en", clerkKeys: TestStorefronts.keys),
            DeclaredStorefront(name: "eu", channelID: 1, currency: "EUR", locale: "de", clerkKeys: TestStorefronts.keys),
        ])
        let events = EventsEndpoint(intake: intake, limiter: nil, signal: nil, logger: Logger(label: "test"))
        let receiver = WebhookReceiver(
            authenticator: WebhookAuthenticator(sharedSecret: "s", clientSecret: nil), inbox: store,
            storeHash: Self.storeHash, signal: WorkSignal(), logger: Logger(label: "test"))
        func scriptConfiguration(_ app: String) -> StorefrontScriptConfiguration {
            StorefrontScriptConfiguration(publicURL: app, appClientID: Self.appClientID)
        }
        let script = StorefrontScriptRoute(configuration: scriptConfiguration("http://127.0.0.1"), storefronts: storefronts)
        let router = ServerRoutes.router(
            receiver: receiver, readiness: StoreReadiness(queue: store, expectWorkers: false), storefronts: storefronts,
            events: events,
            storefrontScript: script, shopperRoutes: shopperRoutes)
        let requests = RequestLog()
        let appServer = try await LoopbackServer.start(RequestRecorder(builder: router, path: "/v1/events", log: requests))
        let app = appServer.origin
        script.update(configuration: scriptConfiguration(app))

        let jwtRequests = Counter()
        let pageRouter = Router()
        for (path, html) in pages {
            pageRouter.get(RouterPath(stringLiteral: path)) { _, _ -> Response in
                Response(
                    status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: html(app))))
            }
        }
        pageRouter.get("/customer/current.jwt") { request, _ -> Response in
            jwtRequests.increment()
            guard let jwt, request.uri.queryParameters["app_client_id"].map(String.init) == Self.appClientID else {
                return Response(status: .notFound)
            }
            let body = jwtAsJSON ? #"{"token":"\#(jwt)"}"# : jwt
            return Response(
                status: .ok, headers: [.contentType: jwtAsJSON ? "application/json" : "text/plain"],
                body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        let pageServer: LoopbackServer
        do {
            pageServer = try await LoopbackServer.start(pageRouter)
        } catch {
            await appServer.shutdown()
            throw error
        }
        let eur = SourceCurrency(
            code: "EUR", exchangeRate: 1, decimalPlaces: 2, isDefault: false,
            display: CurrencyDisplay(token: "€", tokenOnLeft: false, decimalToken: ",", thousandsToken: "."))
        storefronts.resolve([
            TestStorefronts.resolved("us", baseURL: pageServer.origin, locale: "en"),
            TestStorefronts.resolved("eu", baseURL: pageServer.origin, currency: eur, locale: "de"),
        ])
        do {
            try await body(StorefrontHarness(
                pageOrigin: pageServer.origin, requests: requests, store: store, jwtRequests: jwtRequests))
        } catch {
            await appServer.shutdown()
            await pageServer.shutdown()
            throw error
        }
        await appServer.shutdown()
        await pageServer.shutdown()
    }

    /// How many events the store holds.
    func storedCount() async throws -> Int {
        try await store.eventCounts().values.reduce(0, +)
    }

    /// The stored events (canonical JSON, plus `stored_storefront`, the storefront the intake settled on); leases
    /// them, so call it once, after ``storedCount()`` reached what was expected.
    func storedEvents() async throws -> [[String: Any]] {
        try await store.claimEvents(owner: "test", now: Date(), lease: .seconds(600), limit: 1_000).map { logged in
            var object = (try JSONSerialization.jsonObject(with: Data(logged.event.payload)) as? [String: Any]) ?? [:]
            object["stored_storefront"] = logged.event.storefront
            return object
        }
    }

    /// Polls until `condition` holds or `timeout` passes; returns whether it held.
    func eventually(timeout: Duration = .seconds(60), _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while try await !condition() {
            guard ContinuousClock.now < deadline else { return false }
            await Task.yield()
        }
        return true
    }
}

/// A thread-safe counter.
final class Counter: Sendable {
    let value = Mutex(0)
    func increment() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}
