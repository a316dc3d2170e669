/// The config file (`--config FILE` or `CLERKBRIDGE_CONFIG`), YAML or JSON, as contract.md names its keys.
/// ``ConfigSchema`` describes the same keys with their types; a test keeps the two the same (every `CodingKeys` is
/// `CaseIterable` for it).
struct ConfigFile: Decodable, Sendable {
    struct BigCommerce: Decodable, Sendable {
        var storeHash: String?
        var accessToken: String?
        var apiURL: String?
        var clientID: String?
        var clientSecret: String?
        var webhookSecret: String?
        var includeVariants: Bool?
        var crawlConcurrency: Int?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case storeHash = "store_hash", accessToken = "access_token", apiURL = "api_url"
            case clientID = "client_id", clientSecret = "client_secret", webhookSecret = "webhook_secret", includeVariants = "include_variants"
            case crawlConcurrency = "crawl_concurrency"
        }
    }

    struct Clerk: Decodable, Sendable {
        var apiURL: String?
        var batchSize: Int?

        enum CodingKeys: String, CodingKey, CaseIterable { case apiURL = "api_url", batchSize = "batch_size" }
    }

    struct Storefront: Decodable, Sendable {
        var name: String?
        var channelID: Int?
        var currency: String?
        var locale: String?
        var baseURL: String?
        var includeHiddenCategories: Bool?
        var clerkPublicKey: String?
        var clerkPrivateKey: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, currency, locale
            case channelID = "channel_id", baseURL = "base_url", includeHiddenCategories = "include_hidden_categories"
            case clerkPublicKey = "clerk_public_key", clerkPrivateKey = "clerk_private_key"
        }
    }

    struct Server: Decodable, Sendable {
        var host: String?
        var port: Int?
        var publicURL: String?
        var trustForwardedFor: Bool?
        var placementCacheSeconds: Int?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case host, port, publicURL = "public_url", trustForwardedFor = "trust_forwarded_for"
            case placementCacheSeconds = "placement_cache_seconds"
        }
    }

    struct Events: Decodable, Sendable {
        var rateLimit: String?
        var forwardConcurrency: Int?

        enum CodingKeys: String, CodingKey, CaseIterable { case rateLimit = "rate_limit", forwardConcurrency = "forward_concurrency" }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            forwardConcurrency = try container.decodeIfPresent(Int.self, forKey: .forwardConcurrency)
            if let number = try? container.decodeIfPresent(Double.self, forKey: .rateLimit) {
                rateLimit = String(number)
            } else {
                rateLimit = try container.decodeIfPresent(String.self, forKey: .rateLimit)
            }
        }
    }

    struct Sync: Decodable, Sendable {
        var reconcileInterval: String?
        var reindexInterval: String?
        var validateInterval: String?
        var maxRemovalFraction: Double?
        var importHistory: Bool?
        var audienceInterval: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case reconcileInterval = "reconcile_interval", reindexInterval = "reindex_interval"
            case validateInterval = "validate_interval"
            case maxRemovalFraction = "max_removal_fraction", importHistory = "import_history"
            case audienceInterval = "audience_interval"
        }
    }

    /// An audience under `audiences:`: a Clerk audience and the BigCommerce segment that mirrors it.
    struct Audience: Decodable, Sendable {
        var clerkAudienceID: String?
        var storefront: String?
        var segment: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case storefront, segment
            case clerkAudienceID = "clerk_audience_id"
        }

        /// Reads `clerk_audience_id` as text whether it was written as a number or a string.
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            storefront = try container.decodeIfPresent(String.self, forKey: .storefront)
            segment = try container.decodeIfPresent(String.self, forKey: .segment)
            if let number = try? container.decodeIfPresent(Int.self, forKey: .clerkAudienceID) {
                clerkAudienceID = String(number)
            } else {
                clerkAudienceID = try container.decodeIfPresent(String.self, forKey: .clerkAudienceID)
            }
        }
    }

    /// A placement under `placements:` (keyed by its name).
    struct Placement: Decodable, Sendable {
        var kind: String?
        var labels: [String]?
        var limit: Int?
        var filter: String?
        var inStockOnly: Bool?
        var template: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case kind, labels, limit, filter, template
            case inStockOnly = "in_stock_only"
        }
    }

    /// `templates:`: the merchant's Mustache files replacing the built-in HTML.
    struct Templates: Decodable, Sendable {
        var placement: String?
        var emailBlock: String?
        var search: String?

        enum CodingKeys: String, CodingKey, CaseIterable { case placement, emailBlock = "email_block", search }
    }

    /// `email_blocks:`.
    struct EmailBlocks: Decodable, Sendable {
        var token: String?

        enum CodingKeys: String, CodingKey, CaseIterable { case token }
    }

    struct Log: Decodable, Sendable {
        var level: String?
        var format: String?

        enum CodingKeys: String, CodingKey, CaseIterable { case level, format }
    }

    var bigcommerce: BigCommerce?
    var clerk: Clerk?
    var storefronts: [Storefront]?
    var databaseURL: String?
    var server: Server?
    var sync: Sync?
    var events: Events?
    var placements: [String: Placement]?
    var audiences: [Audience]?
    var templates: Templates?
    var emailBlocks: EmailBlocks?
    var adminToken: String?
    var adminReadOnlyToken: String?
    var log: Log?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case bigcommerce, clerk, storefronts, server, sync, events, placements, audiences, templates, log
        case databaseURL = "database_url", adminToken = "admin_token", adminReadOnlyToken = "admin_readonly_token"
        case emailBlocks = "email_blocks"
    }
}
