import AsyncHTTPClient
import BigCommerceAPI
import ClerkAPI
import Dashboard
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Reliability
import Sandbox
import Server
import StorefrontRegistry
import SyncEngine
import SyncStore

/// `serve`'s router with the dashboard over a fresh store and the sandbox: its storefronts resolved from the
/// sandbox's BigCommerce, dead-letter replays reading it and writing to its Clerk, as `serve` wires them.
final class AdminHarness: Sendable {
    static let adminToken = "admin-token-3f9a61c2d4"
    static let readOnlyToken = "read-only-token-8b2e07"

    let sandbox: SandboxServer
    let http: HTTPClient
    let bigCommerce: BigCommerceClient
    let clerk: ClerkClient
    let store: SQLiteSyncStore
    let storefronts: StorefrontRegistry
    let targets: [ResolvedStorefront]
    let admin: AdminRoutes
    let receiver: WebhookReceiver
    let readiness: StoreReadiness
    let health: DependencyHealth

    private init(
        sandbox: SandboxServer, http: HTTPClient, bigCommerce: BigCommerceClient, clerk: ClerkClient, store: SQLiteSyncStore,
        targets: [ResolvedStorefront], health: DependencyHealth, access: AdminAccess, logger: Logger
    ) {
        self.sandbox = sandbox
        self.http = http
        self.bigCommerce = bigCommerce
        self.clerk = clerk
        self.store = store
        self.targets = targets
        self.health = health
        storefronts = StorefrontRegistry(resolved: targets)
        let reader = CatalogReader(client: bigCommerce, retry: RetryPolicy(base: .milliseconds(5), cap: .milliseconds(50), maxAttempts: 3), logger: logger)
        let writer = ClerkWriter(clerk: clerk, retry: RetryPolicy(base: .milliseconds(5), cap: .milliseconds(50), maxAttempts: 3), logger: logger)
        let replay: DeadLetterDesk.Replay = { letters in
            try await DeadLetterReplayer(reader: reader, writer: writer, store: store, jobs: store, events: store, logger: logger)
                .replay(letters, targets: targets)
        }
        let mask = SecretMask(secrets: targets.map(\.clerkKeys.privateKey) + [sandbox.accessToken, Self.adminToken, Self.readOnlyToken])
        let readiness = StoreReadiness(queue: store, expectWorkers: false, health: health, storefronts: storefronts)
        self.readiness = readiness
        admin = AdminRoutes(
            access: access,
            overview: OverviewReader(store: store, storefronts: storefronts, health: health, readiness: { await readiness.problems() }),
            letters: DeadLetterDesk(store: store, replay: replay, mask: mask),
            jobs: JobDesk(store: store, signal: nil, mask: mask),
            webhooks: WebhookStatusReader(
                subscriptions: bigCommerce, store: store, storefronts: storefronts, destination: "http://127.0.0.1:9/webhooks/bigcommerce",
                mask: mask),
            storefronts: storefronts, store: store, pages: DashboardPages())
        receiver = WebhookReceiver(
            authenticator: WebhookAuthenticator(sharedSecret: "webhook-secret-0000", clientSecret: nil), inbox: store,
            storeHash: sandbox.storeHash, signal: nil, logger: logger)
    }

    /// Runs `body` with a harness whose dashboard takes `access` (both tokens by default), then stops the sandbox.
    static func with(
        access: AdminAccess = AdminAccess(adminToken: adminToken, readOnlyToken: readOnlyToken), products: Int = 20,
        _ body: (AdminHarness) async throws -> Void
    ) async throws {
        var logger = Logger(label: "admin-harness")
        logger.logLevel = .critical
        let sandbox = try await SandboxServer.start(SandboxConfiguration(productCount: products), logger: logger)
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(20))
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        var failure: (any Error)?
        do {
            let health = DependencyHealth(logger: logger)
            let bigCommerce = BigCommerceClient(
                credentials: BigCommerceCredentials(storeHash: sandbox.storeHash, accessToken: sandbox.accessToken, apiURL: sandbox.bigCommerceURL),
                httpClient: http, governor: RateGovernor(), health: health, logger: logger)
            let clerk = ClerkClient(baseURL: sandbox.clerkURL, httpClient: http, timeout: .seconds(10), health: health, logger: logger)
            let declared = sandbox.clerkStores.map {
                DeclaredStorefront(
                    name: $0.name, channelID: $0.channelID, currency: $0.currency,
                    clerkKeys: ClerkStoreKeys(publicKey: $0.publicKey, privateKey: $0.privateKey))
            }
            let targets = try await StorefrontDiscovery(client: bigCommerce).resolve(declared)
            let harness = AdminHarness(
                sandbox: sandbox, http: http, bigCommerce: bigCommerce, clerk: clerk, store: try SQLiteSyncStore.inMemory(),
                targets: targets, health: health, access: access, logger: logger)
            try await body(harness)
        } catch {
            failure = error
        }
        try await http.shutdown()
        await sandbox.shutdown()
        if let failure { throw failure }
    }

    /// The first storefront's name.
    var storefront: String { targets[0].name }

    /// A visible product of the sandbox catalog listed in the first storefront's channel (what a replay brings back).
    var productID: Int { listedProducts[0] }

    /// The visible products of the first storefront's channel, by id.
    var listedProducts: [Int] {
        let catalog = sandbox.store.catalog
        return (0..<catalog.productCount).map(catalog.productID(atIndex:)).filter { id in
            guard let product = sandbox.store.product(id: id) else { return false }
            return product.isVisible && product.channels.contains(targets[0].channelID)
        }
    }

    /// Records the dead letter of a product document Clerk refused, as the publisher does; returns its id.
    @discardableResult
    func productLetter(_ product: Int, storefront: String? = nil, error: String = "ParsingError: bad value for price", at: Date = Date())
        async throws -> Int64
    {
        let keys = targets.first { $0.name == (storefront ?? self.storefront) }?.clerkKeys ?? targets[0].clerkKeys
        return try await store.addDeadLetter(DeadLetterDraft(
            storefront: storefront ?? self.storefront, kind: "product_push", entityID: "\(product)",
            requestPayload: Array(#"{"key":"\#(keys.publicKey)","private_key":"\#(keys.privateKey)","products":[{"id":\#(product),"price":"x"}]}"#.utf8),
            responseStatus: 200, responseBody: Array(#"{"status":"error","type":"ParsingError","message":"bad value for price"}"#.utf8),
            error: error), at: at)
    }

    /// `serve`'s router with the dashboard.
    func router() -> Router<ServerRequestContext> {
        ServerRoutes.router(receiver: receiver, readiness: readiness, storefronts: storefronts, admin: admin)
    }

    /// Runs `body` with a client of the router (`.live`: a real server on loopback).
    func test<Value>(_ setup: TestingSetup = .router, _ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        try await Application(router: router()).test(setup, body)
    }

    /// `Authorization: Bearer token`, plus `extra`.
    static func bearer(_ token: String = adminToken, _ extra: HTTPFields = [:]) -> HTTPFields {
        var headers = extra
        headers[.authorization] = "Bearer \(token)"
        return headers
    }

    /// The JSON object of `response`'s body.
    static func object(_ response: TestResponse) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(buffer: response.body))
        guard let object = value as? [String: Any] else { throw CocoaError(.coderReadCorrupt) }
        return object
    }

    /// The JSON array of `response`'s body.
    static func array(_ response: TestResponse) throws -> [[String: Any]] {
        let value = try JSONSerialization.jsonObject(with: Data(buffer: response.body))
        guard let array = value as? [[String: Any]] else { throw CocoaError(.coderReadCorrupt) }
        return array
    }

    /// The `error.code` of a contract.md error body.
    static func errorCode(_ response: TestResponse) -> String? {
        ((try? object(response))?["error"] as? [String: Any])?["code"] as? String
    }
}
