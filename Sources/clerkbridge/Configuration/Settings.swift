import BigCommerceAPI
import ClerkAPI
import Foundation
import Logging
import Storefront
import StorefrontRegistry
import SyncEngine
import SyncStore

/// Every setting clerkbridge runs with, resolved from flags, environment and the config file.
struct Settings: Sendable {
    var bigCommerce: BigCommerceCredentials
    /// Read variants with each product page (true) or store-wide in batches (false).
    var includeVariants = true
    /// The most product pages a reindex reads at once (`bigcommerce.crawl_concurrency`); fewer while the quota and
    /// BigCommerce's response times do not need that many.
    var crawlConcurrency = Reindexer.Options.defaultCrawlConcurrency
    var clientSecret: String?
    /// The BigCommerce app's client id (`bigcommerce.client_id`): public, handed to the storefront script for the
    /// current-customer JWT. Not a secret, and never to be confused with ``clientSecret``.
    var clientID: String?
    var webhookSecret: String?
    var clerkAPIURL: URL
    var clerkBatchSize: Int
    var storefronts: [DeclaredStorefront]
    var databaseURL: String
    var host: String
    var port: Int
    var publicURL: String?
    /// What unlocks the dashboard (`/admin`, `/admin/api/*`) to look and act; nil: loopback clients only.
    var adminToken: String?
    /// What unlocks the dashboard to look only (needs ``adminToken`` beside it).
    var adminReadOnlyToken: String?
    /// How often `serve`/`worker` run the light reconciliation; nil: never.
    var reconcileInterval: Duration? = .seconds(900)
    /// How often `serve`/`worker` run a full reindex; nil: never.
    var reindexInterval: Duration? = .seconds(86_400)
    /// How often `serve`/`worker` validate every market (`validate`); nil: never.
    var validateInterval: Duration? = .seconds(3_600)
    /// The largest share (0–1) of a storefront's product documents one run may remove before it removes none of them
    /// and reports a failure (`sync.max_removal_fraction`).
    var maxRemovalFraction = 0.2
    /// Whether `serve`/`worker` import the order history and the customers by themselves the first time they start
    /// against storefronts that never had them (`sync.import_history`).
    var importHistoryOnStart = true
    /// How often `serve`/`worker` sync every configured audience into its segment; nil: never by schedule
    /// (`sync.audience_interval`).
    var audienceInterval: Duration? = .seconds(3_600)
    /// The Clerk audiences mirrored into BigCommerce customer segments (`audiences:`).
    var audiences: [AudienceMapping] = []
    /// Requests a second one client may send to `POST /v1/events` (bursts of twice that); nil: no limit.
    var eventsRateLimit: Double? = 20
    /// The storefront's placements: the built-in ones, as the config file changed them, plus the merchant's own.
    var placements: [Placement] = Placement.defaults
    /// The merchant's placement template (Mustache text) for every placement without its own; nil: built-in.
    var placementTemplate: String?
    /// The merchant's templates of single placements, by placement name.
    var placementTemplates: [String: String] = [:]
    /// The merchant's email block template (Mustache text); nil: built-in.
    var emailBlockTemplate: String?
    /// The merchant's search results template (Mustache text, `/v1/search?format=html`); nil: built-in.
    var searchTemplate: String?
    /// How long an answer of a placement that is not personal is shared between shoppers; 0: never.
    var placementCacheSeconds = 30
    /// What email tools present to `GET /v1/email/blocks`; nil: the route is off.
    var emailBlocksToken: String?
    /// Clerk calls the event forwarder keeps in flight.
    var forwardConcurrency = 32
    /// Key the events rate limit on the last `X-Forwarded-For` address, which the proxy in front appended.
    var trustForwardedFor = false
    var logLevel: Logger.Level
    var logFormat: LogFormat
    /// Warnings about the configuration itself (e.g. ignored keys), printed once at start.
    var warnings: [String]
    /// Where each setting came from, as the loader chose it (what `config check` prints); empty for settings built
    /// in code.
    var origins: [SettingOrigin] = []

    /// Where BigCommerce and browsers reach `serve` (`server.public_url`, else `http://HOST:PORT`).
    var effectivePublicURL: String {
        var url = publicURL ?? "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    /// Every secret value, so the log handler can mask them wherever they might slip in.
    var secrets: [String] {
        [bigCommerce.accessToken, clientSecret, webhookSecret, adminToken, adminReadOnlyToken, emailBlocksToken, databasePassword]
            .compactMap { $0 }
            + storefronts.map(\.clerkKeys.privateKey)
    }

    /// The password of a `postgres://` database URL, if it has one.
    var databasePassword: String? {
        guard case .postgres(let location)? = try? DatabaseLocation.parse(databaseURL) else { return nil }
        return location.password.flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// How log lines are written.
enum LogFormat: String, Sendable {
    case text, json
}
