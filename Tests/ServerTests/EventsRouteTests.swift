import BigCommerceAPI
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Reliability
import Server
import StorefrontRegistry
import SyncEngine
import SyncStore
import Testing
import Tracking

/// `POST /v1/events` through the real Hummingbird router: answers, CORS, the rate limit, storage failures.
@Suite("events route")
struct EventsRouteTests {
    struct Setup {
        let store: SQLiteSyncStore
        let signal = WorkSignal()
        let router: Router<ServerRequestContext>

        init(
            log: (any EventLog)? = nil, limiter: ClientRateLimiter? = nil, maxBodyBytes: Int = 512 * 1024,
            storefronts: StorefrontRegistry = TestStorefronts.registry(
                baseURLs: ["https://shop.example.com/", "https://eu.example.com:8443"]),
            trustForwardedFor: Bool = false
        ) throws {
            store = try SQLiteSyncStore.inMemory()
            var limits = EventLimits.default
            limits.maxBodyBytes = maxBodyBytes
            let intake = EventIntake(
                log: log ?? store, storefronts: ["main"],
                verifier: CustomerTokenVerifier(clientSecret: "secret", storeHash: "abc123"), limits: limits)
            let events = EventsEndpoint(
                intake: intake, limiter: limiter, trustForwardedFor: trustForwardedFor, signal: signal,
                logger: Logger(label: "test"))
            let receiver = WebhookReceiver(
                authenticator: WebhookAuthenticator(sharedSecret: "s", clientSecret: nil), inbox: store,
                storeHash: "abc123", signal: nil, logger: Logger(label: "test"))
            router = ServerRoutes.router(
                receiver: receiver, readiness: StoreReadiness(queue: store, expectWorkers: false), storefronts: storefronts,
                events: events)
        }
    }

    static func event(_ id: String, _ fields: String = #""product_id": 1"#, type: String = "product_viewed") -> String {
        let now = ISO8601DateFormatter().string(from: Date())
        return #"{"id":"\#(id)","type":"\#(type)","visitor_id":"v1","occurred_at":"\#(now)",\#(fields)}"#
    }

    static func batch(_ events: [String]) -> String { #"{"events":[\#(events.joined(separator: ","))]}"# }

    struct Answer {
        var status: Int
        var body: String
        var headers: HTTPFields
    }

    func send(
        _ setup: Setup, _ body: String, method: HTTPRequest.Method = .post, headers: HTTPFields = [:], times: Int = 1
    ) async throws -> [Answer] {
        let app = Application(router: setup.router)
        return try await app.test(.router) { client in
            var answers: [Answer] = []
            for _ in 0..<times {
                answers.append(try await client.execute(
                    uri: "/v1/events", method: method, headers: headers, body: ByteBuffer(string: body)
                ) { Answer(status: Int($0.status.code), body: String(buffer: $0.body), headers: $0.headers) })
            }
            return answers
        }
    }

    @Test func aMixedBatchKeepsTheValidEventsAndNamesTheRejectedOnes() async throws {
        let setup = try Setup()
        let body = Self.batch([
            Self.event("a"), Self.event("b", #""product_id": "x1""#), Self.event("c", type: "levitated"),
            #"{"id":"d","type":"product_viewed","visitor_id":"not-valid!","occurred_at":"2026-11-24T10:00:00Z","product_id":1}"#,
            Self.event("e", #""category_id": 5"#, type: "category_viewed"),
        ])
        let answer = try #require(try await send(setup, body, headers: [.contentType: "text/plain;charset=UTF-8"]).first)
        #expect(answer.status == 200)
        #expect(answer.body.hasPrefix(#"{"accepted":2,"rejected":[{"error":{"code":"invalid_field""#))
        #expect(answer.body.contains(#""code":"unknown_type""#) && answer.body.contains(#""code":"invalid_visitor_id""#))
        #expect(answer.body.contains(#""index":1"#) && answer.body.contains(#""index":3"#))
        #expect(try await setup.store.eventCounts()[.pending] == 2)
    }

    @Test func bodiesThatAreNotBatchesGet4xxWithReasonsAndKeepNothing() async throws {
        let setup = try Setup(maxBodyBytes: 2_000)
        let cases: [(String, Int, String)] = [
            ("{not json", 400, "invalid_batch"),
            (#"{"evnts":[]}"#, 400, "invalid_batch"),
            (#"[1,2]"#, 400, "invalid_batch"),
            (Self.batch(Array(repeating: Self.event("x"), count: 30)), 413, "batch_too_large"),
        ]
        for (body, status, code) in cases {
            let answer = try #require(try await send(setup, body).first)
            #expect(answer.status == status, "\(body.prefix(20))")
            #expect(answer.body.contains(#""code":"\#(code)""#), "\(answer.body)")
        }
        #expect(try await setup.store.eventCounts()[.pending] == 0)
    }

    @Test func storefrontOriginsGetCORSAndOthersAreRefused() async throws {
        let setup = try Setup()
        var preflight: HTTPFields = [:]
        preflight[.origin] = "https://shop.example.com"
        preflight[.accessControlRequestMethod] = "POST"
        let allowed = try #require(try await send(setup, "", method: .options, headers: preflight).first)
        #expect(allowed.status == 204)
        #expect(allowed.headers[.accessControlAllowOrigin] == "https://shop.example.com")
        #expect(allowed.headers[.accessControlAllowMethods]?.contains("POST") == true)

        var eu: HTTPFields = [:]
        eu[.origin] = "https://EU.example.com:8443"
        let posted = try #require(try await send(setup, Self.batch([Self.event("a")]), headers: eu).first)
        #expect(posted.status == 200 && posted.headers[.accessControlAllowOrigin] == "https://EU.example.com:8443")

        var evil: HTTPFields = [:]
        evil[.origin] = "https://evil.example.net"
        let refused = try #require(try await send(setup, Self.batch([Self.event("b")]), headers: evil).first)
        #expect(refused.status == 403 && refused.body.contains("origin_not_allowed"))
        #expect(refused.headers[.accessControlAllowOrigin] == nil)
        #expect(try await send(setup, "", method: .options, headers: evil).first?.status == 403)

        // A server sends no Origin and needs no CORS.
        let server = try #require(try await send(setup, Self.batch([Self.event("c")])).first)
        #expect(server.status == 200 && server.headers[.accessControlAllowOrigin] == nil)
        #expect(try await setup.store.eventCounts()[.pending] == 2)
    }

    @Test func aClientOverItsRateIsToldToComeBackLater() async throws {
        let setup = try Setup(limiter: ClientRateLimiter(rate: 0.01, burst: 3))
        let answers = try await send(setup, Self.batch([Self.event("a")]), times: 5)
        #expect(answers.map(\.status) == [200, 200, 200, 429, 429])
        #expect(answers[3].body.contains("rate_limited"))
        #expect(Int(answers[3].headers[.retryAfter] ?? "") ?? 0 >= 1)
    }

    @Test func anOriginNotLearntYetIsToldToRetryNotRefused() async throws {
        // A storefront whose base URL was not declared: it is learnt when the storefronts are resolved.
        let storefronts = StorefrontRegistry(declared: [DeclaredStorefront(name: "main", clerkKeys: TestStorefronts.keys)])
        let setup = try Setup(storefronts: storefronts)
        var shop: HTTPFields = [:]
        shop[.origin] = "https://shop.example.com"
        let early = try #require(try await send(setup, Self.batch([Self.event("a")]), headers: shop).first)
        #expect(early.status == 503 && early.headers[.retryAfter] == "30")
        storefronts.resolve([TestStorefronts.resolved("main", baseURL: "https://shop.example.com")])
        let later = try #require(try await send(setup, Self.batch([Self.event("a")]), headers: shop).first)
        #expect(later.status == 200)
    }

    @Test func behindAProxyTheLastForwardedHopIsTheClient() async throws {
        let setup = try Setup(limiter: ClientRateLimiter(rate: 0.01, burst: 1), trustForwardedFor: true)
        // A client cannot escape its limit by sending a different first hop each time.
        var statuses: [Int] = []
        for spoof in ["1.1.1.1", "2.2.2.2", "3.3.3.3"] {
            var headers: HTTPFields = [:]
            headers[HTTPField.Name("X-Forwarded-For")!] = "\(spoof), 203.0.113.7"
            statuses.append(try #require(try await send(setup, Self.batch([Self.event(spoof)]), headers: headers).first).status)
        }
        #expect(statuses == [200, 429, 429])
        var other: HTTPFields = [:]
        other[HTTPField.Name("X-Forwarded-For")!] = "198.51.100.2"
        #expect(try await send(setup, Self.batch([Self.event("x")]), headers: other).first?.status == 200)
    }

    @Test func theRateLimiterForgetsClientsToStayWithinItsBound() {
        let limiter = ClientRateLimiter(rate: 1, burst: 1, maxClients: 100)
        let now = Date()
        for index in 0..<1_000 { _ = limiter.admit("client-\(index)", now: now) }
        #expect(limiter.clientCount <= 100)
        // The most recent clients are the ones remembered: the last one is still limited.
        #expect(limiter.admit("client-999", now: now) != nil)
    }

    @Test func aDatabaseThatCannotStoreAnswers503AndTheSenderRetries() async throws {
        let setup = try Setup(log: FailingLog())
        let answer = try #require(try await send(setup, Self.batch([Self.event("a")])).first)
        #expect(answer.status == 503 && answer.headers[.retryAfter] == "5")
        #expect(answer.body.contains(#""code":"unavailable""#))
    }

    @Test func acceptedEventsWakeTheForwarder() async throws {
        let setup = try Setup()
        _ = try await send(setup, Self.batch([Self.event("a")]))
        // The notification is remembered, so this returns at once instead of after the timeout.
        let start = ContinuousClock.now
        await setup.signal.wait(timeout: .seconds(30))
        #expect(ContinuousClock.now - start < .seconds(10))
    }
}

/// An event log whose database is gone.
struct FailingLog: EventLog {
    struct Down: Error {}
    func append(_ events: [ShopperEvent], now: Date) async throws -> [AppendOutcome] { throw Down() }
    func claimEvents(owner: String, now: Date, lease: Duration, limit: Int) async throws -> [LoggedEvent] { throw Down() }
    func markForwarded(ids: [Int64], owner: String, now: Date) async throws { throw Down() }
    func markFailed(id: Int64, owner: String, error: String, retryAt: Date?, now: Date) async throws -> LoggedEvent.State {
        throw Down()
    }
    func deferEvents(ids: [Int64], owner: String, until: Date, reason: WaitReason, now: Date) async throws { throw Down() }
    func renewEventLeases(ids: [Int64], owner: String, until: Date) async throws { throw Down() }
    func resumeEventsAfterOutage(now: Date) async throws -> Int { throw Down() }
    func requeueDeadEvent(storefront: String, eventID: String, now: Date) async throws -> Int64? { throw Down() }
    func eventCounts() async throws -> [LoggedEvent.State: Int] { throw Down() }
    func purgeForwardedEvents(before: Date) async throws -> Int { throw Down() }
}
