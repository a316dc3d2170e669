import BigCommerceAPI
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Reliability
import Server
import SyncEngine
import Synchronization
import SyncStore
import Testing

/// `POST /webhooks/bigcommerce` through the real Hummingbird router.
@Suite("webhook route")
struct WebhookRouteTests {
    static let sharedSecret = "shared-secret-value-9f8e"
    static let clientSecret = "client-secret-value-7d6c"
    static let storeHash = "abc123"

    struct Setup {
        let store: SQLiteSyncStore
        let signal = WorkSignal()
        let log = LogLines()
        let receiver: WebhookReceiver
        let router: Router<ServerRequestContext>

        init(inbox: (any WebhookInbox)? = nil, sharedSecret: String? = WebhookRouteTests.sharedSecret,
             clientSecret: String? = WebhookRouteTests.clientSecret, maxBodyBytes: Int = 4_096) throws {
            store = try SQLiteSyncStore.inMemory()
            let log = self.log
            var logger = Logger(label: "test") { _ in LineHandler(lines: log) }
            logger.logLevel = .trace
            receiver = WebhookReceiver(
                authenticator: WebhookAuthenticator(sharedSecret: sharedSecret, clientSecret: clientSecret),
                inbox: inbox ?? store, storeHash: WebhookRouteTests.storeHash, signal: signal,
                maxBodyBytes: maxBodyBytes, logger: logger)
            router = ServerRoutes.router(receiver: receiver, readiness: StoreReadiness(queue: store, expectWorkers: false), storefronts: TestStorefronts.registry(baseURLs: []))
        }
    }

    static func body(scope: String = "store/product/updated", id: Int = 42, hash: String = "h1", createdAt: Int = 1_700_000_000) -> String {
        #"{"scope":"\#(scope)","store_id":"1001","data":{"type":"product","id":\#(id)},"hash":"\#(hash)","created_at":\#(createdAt),"producer":"stores/\#(storeHash)"}"#
    }

    static func signed(_ body: String, id: String = "msg_1", at timestamp: Int = Int(Date().timeIntervalSince1970), secret: String = clientSecret) -> HTTPFields {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers[HTTPField.Name("webhook-id")!] = id
        headers[HTTPField.Name("webhook-timestamp")!] = String(timestamp)
        headers[HTTPField.Name("webhook-signature")!] = WebhookAuthenticator.sign(
            id: id, timestamp: timestamp, body: Array(body.utf8), clientSecret: secret)
        return headers
    }

    static func withSecret(_ secret: String) -> HTTPFields {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers[HTTPField.Name(WebhookAuthenticator.sharedSecretHeader)!] = secret
        return headers
    }

    func post(_ setup: Setup, _ body: String, headers: HTTPFields) async throws -> (Int, String) {
        let app = Application(router: setup.router)
        return try await app.test(.router) { client in
            try await client.execute(uri: "/webhooks/bigcommerce", method: .post, headers: headers, body: ByteBuffer(string: body)) {
                (Int($0.status.code), String(buffer: $0.body))
            }
        }
    }

    @Test func theAuthenticationMatrix() async throws {
        let body = Self.body()
        let now = Int(Date().timeIntervalSince1970)
        let cases: [(String, HTTPFields, Int)] = [
            ("shared secret", Self.withSecret(Self.sharedSecret), 200),
            ("signature", Self.signed(body, id: "msg_sig"), 200),
            ("wrong shared secret", Self.withSecret("nope"), 401),
            ("stale timestamp", Self.signed(body, id: "msg_old", at: now - 600), 401),
            ("future timestamp", Self.signed(body, id: "msg_future", at: now + 600), 401),
            ("signed with another secret", Self.signed(body, id: "msg_other", secret: "other"), 401),
            ("no credentials", [.contentType: "application/json"], 401),
        ]
        for (name, headers, expected) in cases {
            let setup = try Setup()
            let (status, text) = try await post(setup, body, headers: headers)
            #expect(status == expected, "\(name): \(status) \(text)")
            let stored = try await setup.store.deliveries(limit: 5).count
            #expect(stored == (expected == 200 ? 1 : 0), "\(name)")
            if expected == 401 { #expect(text.contains(#""code":"unauthenticated""#), "\(name)") }
        }
    }

    @Test func aTamperedBodyFailsItsSignatureAndIsNeverStored() async throws {
        let setup = try Setup()
        let headers = Self.signed(Self.body(id: 42))
        let (status, _) = try await post(setup, Self.body(id: 43), headers: headers)
        #expect(status == 401)
        #expect(try await setup.store.deliveries(limit: 5).isEmpty)
        #expect(try await setup.store.jobCounts()[.available] == 0)
    }

    @Test func aStoredDeliveryQueuesItsJobAndDuplicatesAreAnsweredButNotStored() async throws {
        let setup = try Setup()
        let (first, firstText) = try await post(setup, Self.body(), headers: Self.withSecret(Self.sharedSecret))
        #expect(first == 200 && firstText.contains(#""status":"accepted""#) && firstText.contains(#""jobs":1"#))
        let (second, secondText) = try await post(setup, Self.body(), headers: Self.withSecret(Self.sharedSecret))
        #expect(second == 200 && secondText.contains(#""status":"duplicate""#))
        // A signed redelivery carries the same webhook-id.
        let signedBody = Self.body(hash: "h2", createdAt: 5)
        _ = try await post(setup, signedBody, headers: Self.signed(signedBody, id: "msg_9"))
        let (third, thirdText) = try await post(setup, Self.body(hash: "h3", createdAt: 6), headers: Self.signed(Self.body(hash: "h3", createdAt: 6), id: "msg_9"))
        #expect(third == 200 && thirdText.contains("duplicate"))
        #expect(try await setup.store.deliveries(limit: 10).count == 2)
        let jobs = try await setup.store.jobs(state: .available, limit: 10)
        #expect(jobs.map(\.key) == [JobKey(kind: .productSync, entity: "42")])
    }

    @Test func badBodiesGetA4xxWithAReasonAndDoNotDisturbOthers() async throws {
        let setup = try Setup()
        let auth = Self.withSecret(Self.sharedSecret)
        let cases: [(String, Int, String)] = [
            ("{not json", 400, "invalid_payload"),
            (#"["scope"]"#, 400, "invalid_payload"),
            (#"{"data":{}}"#, 400, "invalid_payload"),
            (Self.body(scope: "store/bogus/updated"), 422, "unknown_scope"),
            (#"{"scope":"store/product/updated","store_id":"1","data":{"type":"product"}}"#, 422, "missing_identifier"),
            (Self.body().replacingOccurrences(of: "stores/\(Self.storeHash)", with: "stores/other"), 422, "wrong_store"),
            (String(repeating: " ", count: 5_000) + Self.body(), 413, "body_too_large"),
        ]
        for (body, status, code) in cases {
            let (got, text) = try await post(setup, body, headers: auth)
            #expect(got == status, "\(code): \(got) \(text)")
            #expect(text.contains(#""code":"\#(code)""#), "\(text)")
        }
        let (ok, _) = try await post(setup, Self.body(id: 7, hash: "fine"), headers: auth)
        #expect(ok == 200)
        #expect(try await setup.store.deliveries(limit: 10).count == 1)
        #expect(!setup.log.all.joined().contains(Self.sharedSecret))
        #expect(!setup.log.all.joined().contains(Self.clientSecret))
    }

    @Test func anUnavailableDatabaseAnswers503SoBigCommerceRetries() async throws {
        let setup = try Setup(inbox: FailingInbox())
        let (status, text) = try await post(setup, Self.body(), headers: Self.withSecret(Self.sharedSecret))
        #expect(status == 503 && text.contains("storage_unavailable"))
    }

    @Test func healthAndReadiness() async throws {
        let setup = try Setup()
        let app = Application(router: setup.router)
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .ok) }
        }
        let expecting = ServerRoutes.router(receiver: setup.receiver, readiness: StoreReadiness(queue: setup.store, expectWorkers: true), storefronts: TestStorefronts.registry(baseURLs: []))
        try await Application(router: expecting).test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body).contains("workers"))
            }
        }
    }

    @Test func metricsCountDeliveriesByOutcomeAndShowTheQueue() async throws {
        let setup = try Setup()
        let metrics = ServiceMetrics()
        let router = ServerRoutes.router(
            receiver: setup.receiver, readiness: StoreReadiness(queue: setup.store, expectWorkers: false),
            storefronts: TestStorefronts.registry(baseURLs: []), metrics: metrics, store: setup.store)
        try await Application(router: router).test(.router) { client in
            for (body, secret) in [(Self.body(), Self.sharedSecret), (Self.body(), Self.sharedSecret), (Self.body(id: 9, hash: "x"), "wrong")] {
                try await client.execute(
                    uri: "/webhooks/bigcommerce", method: .post, headers: Self.withSecret(secret), body: ByteBuffer(string: body)
                ) { _ in }
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains(#"clerkbridge_webhook_deliveries_total{outcome="accepted"} 1"#))
                #expect(text.contains(#"clerkbridge_webhook_deliveries_total{outcome="duplicate"} 1"#))
                #expect(text.contains(#"clerkbridge_webhook_deliveries_total{outcome="unauthenticated"} 1"#))
                #expect(text.contains(#"clerkbridge_jobs{state="available"} 1"#))
                #expect(text.contains("clerkbridge_database_up 1"))
                #expect(!text.contains(Self.sharedSecret))
            }
        }
    }
}

/// An inbox whose database is gone.
struct FailingInbox: WebhookInbox {
    struct Down: Error {}
    func accept(_ delivery: WebhookDelivery, jobs: [(JobKey, [UInt8])], now: Date) async throws -> DeliveryOutcome { throw Down() }
    func deliveries(limit: Int) async throws -> [StoredWebhookDelivery] { throw Down() }
    func purgeDeliveries(before: Date) async throws -> Int { throw Down() }
}

final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

struct LineHandler: LogHandler {
    let lines: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {
        lines.append("\(event.level) \(event.message) \(event.metadata ?? [:])")
    }
}
