import BigCommerceAPI
import Foundation
import Hummingbird
import Logging
import Server
import SyncEngine
import SyncStore
import Synchronization

/// Two loopback origins for browser tests: a storefront serving `pages` (and `/customer/current.jwt`), and
/// clerkbridge's HTTP app serving `/storefront.js` with an `EventCapture` for `POST /v1/events` (CORS for the
/// storefront's origin only).
struct StorefrontHarness {
    static let appClientID = "test-app-client-id"

    /// The storefront's origin, e.g. `http://127.0.0.1:PORT`.
    let pageOrigin: String
    /// What reached `POST /v1/events`.
    let capture: EventCapture
    /// How often the page asked for the customer JWT.
    let jwtRequests: Counter

    /// Starts both servers, runs `body`, and stops them. `pages` maps a path to HTML given the app's origin;
    /// `jwt` is what `/customer/current.jwt` answers (nil: 404, a guest).
    static func with(
        pages: [String: @Sendable (_ app: String) -> String], jwt: String?, failFirst: Int = 0,
        _ body: (StorefrontHarness) async throws -> Void
    ) async throws {
        let appPort = try LoopbackServer.freePort()
        let app = "http://127.0.0.1:\(appPort)"
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
            return Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: jwt)))
        }
        let pageServer = try await LoopbackServer.start(pageRouter)

        let capture = EventCapture(allowedOrigin: pageServer.origin, failFirst: failFirst)
        let store = try SQLiteSyncStore.inMemory()
        let receiver = WebhookReceiver(
            authenticator: WebhookAuthenticator(sharedSecret: "s", clientSecret: nil), inbox: store, storeHash: "abc",
            signal: WorkSignal(), logger: Logger(label: "test"))
        let script = StorefrontScriptRoute(configuration: StorefrontScriptConfiguration(
            publicURL: app,
            storefronts: [
                StorefrontScriptStorefront(name: "us", channelID: 1, currency: "USD", locale: "en"),
                StorefrontScriptStorefront(name: "eu", channelID: 1, currency: "EUR", locale: "de"),
            ],
            appClientID: Self.appClientID))
        let router = ServerRoutes.router(
            receiver: receiver, readiness: StoreReadiness(queue: store, expectWorkers: false), storefrontScript: script)
        capture.register(on: router)
        let appServer: LoopbackServer
        do {
            appServer = try await LoopbackServer.start(router, port: appPort)
        } catch {
            await pageServer.shutdown()
            throw error
        }
        do {
            try await body(StorefrontHarness(pageOrigin: pageServer.origin, capture: capture, jwtRequests: jwtRequests))
        } catch {
            await appServer.shutdown()
            await pageServer.shutdown()
            throw error
        }
        await appServer.shutdown()
        await pageServer.shutdown()
    }

    /// Polls until `condition` holds or `timeout` passes; returns whether it held.
    func eventually(timeout: Duration = .seconds(20), _ condition: () -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !condition() {
            guard ContinuousClock.now < deadline else { return false }
            try await Task.sleep(for: .milliseconds(50))
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
