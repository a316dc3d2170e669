/// How to start the sandbox: catalog, BigCommerce credentials, Clerk stores, addresses, the BigCommerce quota and
/// webhook signing.
public struct SandboxConfiguration: Sendable {
    /// Catalog seed.
    public var seed: UInt64
    /// Number of generated products.
    public var productCount: Int
    /// BigCommerce store hash.
    public var storeHash: String
    /// BigCommerce access token (`X-Auth-Token`).
    public var accessToken: String
    /// Simulated Clerk stores.
    public var clerkStores: [SandboxClerkStore]
    /// Host to bind, loopback by default.
    public var host: String
    /// BigCommerce port; 0 picks a free port.
    public var bigCommercePort: Int
    /// Clerk port; 0 picks a free port.
    public var clerkPort: Int
    /// BigCommerce requests per window.
    public var rateLimitQuota: Int
    /// BigCommerce quota window.
    public var rateLimitWindow: Duration
    /// How long BigCommerce takes to answer: per request, and per item asked for (`limit`); none by default.
    public var bigCommerceLatency = SandboxLatency()
    /// Largest Clerk request body accepted (larger → 413).
    public var clerkMaxBodyBytes: Int
    /// Whether `POST /v3/hooks` accepts `http://` destinations and ports other than 443 (the real API does not;
    /// tests and the demo deliver to `http://127.0.0.1:PORT`).
    public var allowInsecureWebhookDestinations: Bool
    /// The app's client secret that signs webhook deliveries (`webhook-signature`); nil or empty sends unsigned
    /// deliveries without Standard Webhooks headers.
    public var webhookClientSecret: String?
    /// Whether the API account holds the Checkout Content scope: without it, scripts with visibility `checkout`,
    /// `order_confirmation` or `all_pages` are answered 403 (changeable later through `SandboxServer.scripts`).
    public var grantsCheckoutContentScope = true
    /// Customers, newsletter subscribers and an order history to seed the store with; nil: only the three seeded
    /// customers and no orders.
    public var shoppers: SandboxShopperSeed?
    /// The app's client id: the storefront's `/customer/current.jwt?app_client_id=…` answers only for it, and signs
    /// with ``webhookClientSecret`` (one app API account signs both).
    public var appClientID: String

    /// The store hash of the seeded set-up.
    public static let defaultStoreHash = "sandbox1"
    /// The access token of the seeded set-up (only ever opens the local simulator).
    public static let defaultAccessToken = "sandbox-access-token"
    /// The webhook client secret of the seeded set-up (only ever signs local deliveries).
    public static let defaultWebhookClientSecret = "sandbox-client-secret"
    /// The app client id of the seeded set-up.
    public static let defaultAppClientID = "sandbox-client-id"

    /// Creates a configuration; the defaults are the seeded set-up on random loopback ports with no quota pressure.
    public init(
        seed: UInt64 = 42, productCount: Int = 200, storeHash: String = SandboxConfiguration.defaultStoreHash,
        accessToken: String = SandboxConfiguration.defaultAccessToken, clerkStores: [SandboxClerkStore] = SandboxClerkStore.defaults,
        host: String = "127.0.0.1", bigCommercePort: Int = 0, clerkPort: Int = 0,
        rateLimitQuota: Int = BigCommerceRateLimit.unlimitedQuota, rateLimitWindow: Duration = .seconds(30),
        clerkMaxBodyBytes: Int = 4 * 1024 * 1024, allowInsecureWebhookDestinations: Bool = false,
        webhookClientSecret: String? = SandboxConfiguration.defaultWebhookClientSecret,
        appClientID: String = SandboxConfiguration.defaultAppClientID
    ) {
        self.seed = seed
        self.productCount = productCount
        self.storeHash = storeHash
        self.accessToken = accessToken
        self.clerkStores = clerkStores
        self.host = host
        self.bigCommercePort = bigCommercePort
        self.clerkPort = clerkPort
        self.rateLimitQuota = rateLimitQuota
        self.rateLimitWindow = rateLimitWindow
        self.clerkMaxBodyBytes = clerkMaxBodyBytes
        self.allowInsecureWebhookDestinations = allowInsecureWebhookDestinations
        self.webhookClientSecret = webhookClientSecret
        self.appClientID = appClientID
    }
}

/// A simulated response time: `perRequest` plus `perItem` for each item a request asks for (its `limit`, 1 without
/// one). `SandboxLatency(perRequest: .milliseconds(100), perItem: .microseconds(1500))` answers a page of 250
/// products in 475 ms, about what the real API takes for a page with variants.
public struct SandboxLatency: Sendable, Equatable {
    /// Added to every request.
    public var perRequest: Duration
    /// Added per item asked for.
    public var perItem: Duration

    /// Creates a latency; the default is none.
    public init(perRequest: Duration = .zero, perItem: Duration = .zero) {
        self.perRequest = perRequest
        self.perItem = perItem
    }
}
