import Foundation
import Hummingbird
import Logging
import Synchronization

/// A running sandbox: the BigCommerce and Clerk simulators on loopback, plus their mutable state. The BigCommerce
/// origin also answers the control API under `/sandbox/` (see `SandboxControl`), which drives the catalog and orders
/// over HTTP as ``catalogEvents`` and ``orderEvents`` do in process.
///
/// ```swift
/// let sandbox = try await SandboxServer.start(SandboxConfiguration(productCount: 1000))
/// defer { Task { await sandbox.shutdown() } }
/// // point the BigCommerce client at sandbox.bigCommerceURL, the Clerk client at sandbox.clerkURL
/// ```
public final class SandboxServer: Sendable {
    /// BigCommerce API origin, e.g. `http://127.0.0.1:PORT` (paths start with `/stores/{hash}/`).
    public let bigCommerceURL: URL
    /// Clerk API base, e.g. `http://127.0.0.1:PORT/v2`.
    public let clerkURL: URL
    /// BigCommerce store hash.
    public let storeHash: String
    /// BigCommerce access token.
    public let accessToken: String
    /// Simulated Clerk stores (key pairs).
    public let clerkStores: [SandboxClerkStore]
    /// The BigCommerce catalog with its edit overlay.
    public let store: SandboxStore
    /// BigCommerce fault injection and counters.
    public let bigCommerceFaults: BigCommerceFaults
    /// BigCommerce request quota.
    public let rateLimit: BigCommerceRateLimit
    /// What the Clerk stores hold.
    public let clerkStorage: ClerkStorage
    /// Clerk fault injection and counters.
    public let clerkFaults: ClerkFaults
    /// Webhook subscriptions (`/v3/hooks`) and their delivery.
    public let webhooks: SandboxWebhooks
    /// Catalog changes that also emit the webhooks BigCommerce emits for them.
    public let catalogEvents: SandboxCatalogEvents
    /// Storefront scripts (`/v3/content/scripts`) and whether the API account holds the Checkout Content scope.
    public let scripts: SandboxScripts
    /// Orders placed, cancelled and refunded with the webhooks BigCommerce emits for them.
    public let orderEvents: SandboxOrderEvents
    /// Customer and newsletter changes with the webhooks BigCommerce emits for them.
    public let customerEvents: SandboxCustomerEvents
    /// The app client id the storefront's current-customer JWT route answers for.
    public let appClientID: String
    /// The client secret that signs webhooks and current-customer JWTs (nil or empty: none).
    public let clientSecret: String?

    let tasks: [Task<Void, Never>]
    let connections: ConnectionRegistry

    init(bigCommerceURL: URL, clerkURL: URL, configuration: SandboxConfiguration, store: SandboxStore, bigCommerceFaults: BigCommerceFaults, rateLimit: BigCommerceRateLimit, clerkStorage: ClerkStorage, clerkFaults: ClerkFaults, webhooks: SandboxWebhooks, catalogEvents: SandboxCatalogEvents, orderEvents: SandboxOrderEvents, scripts: SandboxScripts, tasks: [Task<Void, Never>], connections: ConnectionRegistry) {
        self.bigCommerceURL = bigCommerceURL
        self.clerkURL = clerkURL
        storeHash = configuration.storeHash
        accessToken = configuration.accessToken
        clerkStores = configuration.clerkStores
        self.store = store
        self.bigCommerceFaults = bigCommerceFaults
        self.rateLimit = rateLimit
        self.clerkStorage = clerkStorage
        self.clerkFaults = clerkFaults
        self.webhooks = webhooks
        self.scripts = scripts
        self.catalogEvents = catalogEvents
        self.orderEvents = orderEvents
        customerEvents = SandboxCustomerEvents(store: store, webhooks: webhooks)
        appClientID = configuration.appClientID
        clientSecret = configuration.webhookClientSecret
        self.tasks = tasks
        self.connections = connections
    }

    /// The sandbox could not start (typically: a port is taken).
    public struct StartError: Error, CustomStringConvertible {
        /// What failed.
        public var description: String
    }

    /// Starts both simulators and returns once both listen.
    public static func start(_ configuration: SandboxConfiguration = SandboxConfiguration(), logger: Logger = Logger(label: "clerkbridge.sandbox")) async throws -> SandboxServer {
        let store = SandboxStore(catalog: SandboxCatalog(seed: configuration.seed, productCount: configuration.productCount))
        if let shoppers = configuration.shoppers { store.seedShoppers(shoppers) }
        let bigCommerceFaults = BigCommerceFaults(seed: configuration.seed &+ 1)
        bigCommerceFaults.configure {
            $0.latency = configuration.bigCommerceLatency.perRequest
            $0.latencyPerItem = configuration.bigCommerceLatency.perItem
        }
        let rateLimit = BigCommerceRateLimit(quota: configuration.rateLimitQuota, window: configuration.rateLimitWindow)
        let clerkStorage = ClerkStorage(stores: configuration.clerkStores)
        let clerkFaults = ClerkFaults(seed: configuration.seed &+ 2)
        let webhooks = SandboxWebhooks(
            storeHash: configuration.storeHash, clientSecret: configuration.webhookClientSecret,
            allowsInsecureDestinations: configuration.allowInsecureWebhookDestinations, seed: configuration.seed &+ 3)
        let scripts = SandboxScripts(grantsCheckoutContentScope: configuration.grantsCheckoutContentScope)
        let bigCommerce = BigCommerceSimulator(store: store, faults: bigCommerceFaults, rateLimit: rateLimit, storeHash: configuration.storeHash, accessToken: configuration.accessToken, webhooks: webhooks, scripts: scripts, appClientID: configuration.appClientID)
        let clerk = ClerkSimulator(storage: clerkStorage, faults: clerkFaults, maxBodyBytes: configuration.clerkMaxBodyBytes)
        let catalogEvents = SandboxCatalogEvents(store: store, webhooks: webhooks)
        let orderEvents = SandboxOrderEvents(store: store, webhooks: webhooks)
        let control = SandboxControl(catalogEvents: catalogEvents, orderEvents: orderEvents)

        let connections = ConnectionRegistry()
        var tasks: [Task<Void, Never>] = []
        do {
            let (bcTask, bcPort) = try await run(host: configuration.host, port: configuration.bigCommercePort, name: "bigcommerce", logger: logger, connections: connections, respond: { request, context in
                connections.track(context)
                if SandboxControl.handles(request.uri.path) { return await control.respond(to: request, context: context) }
                return try await bigCommerce.respond(to: request, context: context)
            })
            tasks.append(bcTask)
            let (clerkTask, clerkPort) = try await run(host: configuration.host, port: configuration.clerkPort, name: "clerk", logger: logger, connections: connections, respond: { request, context in
                connections.track(context)
                return try await clerk.respond(to: request, context: context)
            })
            tasks.append(clerkTask)
            let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
            return SandboxServer(
                bigCommerceURL: URL(string: "http://\(host):\(bcPort)")!, clerkURL: URL(string: "http://\(host):\(clerkPort)/v2")!,
                configuration: configuration, store: store, bigCommerceFaults: bigCommerceFaults, rateLimit: rateLimit,
                clerkStorage: clerkStorage, clerkFaults: clerkFaults, webhooks: webhooks, catalogEvents: catalogEvents,
                orderEvents: orderEvents, scripts: scripts, tasks: tasks, connections: connections
            )
        } catch {
            for task in tasks { task.cancel() }
            for task in tasks { await task.value }
            await webhooks.shutdown()
            throw error
        }
    }

    static func run(host: String, port: Int, name: String, logger: Logger, connections: ConnectionRegistry, respond: @escaping @Sendable (Request, SandboxRequestContext) async throws -> Response) async throws -> (Task<Void, Never>, Int) {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let listenerID = ObjectIdentifier(ConnectionRegistry.self)
        let failure = Mutex<String?>(nil)
        let app = Application(
            responder: CallbackResponder(callback: respond),
            configuration: .init(address: .hostname(host, port: port), serverName: "sandbox-\(name)"),
            onServerRunning: { channel in
                connections.register(listener: listenerID) { try? await channel.close().get() }
                continuation.yield(channel.localAddress?.port ?? port)
                continuation.finish()
            },
            logger: logger
        )
        let task = Task {
            do {
                try await app.run()
            } catch {
                failure.withLock { $0 = String(describing: error) }
            }
            continuation.finish()
        }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next() else {
            throw StartError(description: "The \(name) simulator could not listen on \(host):\(port): \(failure.withLock { $0 } ?? "stopped")")
        }
        return (task, bound)
    }

    /// Stops both simulators and webhook delivery: drops pending deliveries, stops listening, closes open
    /// connections, and waits (at most two seconds before cancelling) for the servers to finish.
    public func shutdown() async {
        await webhooks.shutdown()
        await connections.closeAll()
        let tasks = self.tasks
        let watchdog = Task {
            try? await Task.sleep(for: .seconds(2))
            for task in tasks { task.cancel() }
        }
        for task in tasks { await task.value }
        watchdog.cancel()
    }
}
