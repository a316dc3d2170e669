import BigCommerceAPI
import ClerkAPI
import Foundation
import Logging
import Storefront
import StorefrontRegistry
import SyncEngine
import SyncStore

/// Reads the settings with the precedence of contract.md: command-line flags, then environment
/// variables, then the config file. Errors name the key at fault and never its value.
struct SettingsLoader {
    /// Values given as command-line flags.
    struct Flags: Sendable {
        var configPath: String?
        var databaseURL: String?
        var logLevel: String?
        var logFormat: String?
    }

    var environment: [String: String]
    var flags: Flags

    init(environment: [String: String] = ProcessInfo.processInfo.environment, flags: Flags = Flags()) {
        self.environment = environment
        self.flags = flags
    }

    /// The settings, each from the first of flag, environment variable, config file and default that sets it, with
    /// where each came from in ``Settings/origins``.
    /// - Throws: ``ConfigurationError`` naming the key (and line) at fault, never its value.
    func load() throws -> Settings {
        var chooser = SettingChooser(environment: environment)
        let configPath = chooser.choose(
            "config", flag: ("--config", flags.configPath.flatMap { $0.isEmpty ? nil : $0 }), variable: "CLERKBRIDGE_CONFIG",
            file: nil)
        let document = try configPath.map(ConfigDocument.read(path:))
        chooser.lines = document?.lines ?? [:]
        let file = document?.file
        var warnings: [String] = []

        func value(_ key: String, _ variable: String?, _ fileValue: String?, default fallback: String? = nil) -> String? {
            chooser.choose(key, variable: variable, file: fileValue, default: fallback)
        }
        func required(_ key: String, _ variable: String, _ fileValue: String?) throws -> String {
            guard let found = value(key, variable, fileValue) else {
                throw ConfigurationError("\(variable) (config key `\(key)`) is required but not set")
            }
            return found
        }
        /// How a message names the setting at `key`: by where its value came from (the flag, or the variable with the
        /// key and, from the file, its line).
        func named(_ key: String, _ variable: String? = nil) -> String { chooser.label(key, variable: variable) }
        func wholeNumber(
            _ key: String, _ variable: String?, _ fileValue: Int?, default fallback: Int, in range: ClosedRange<Int>, must: String
        ) throws -> Int {
            let text = value(key, variable, fileValue.map(String.init), default: String(fallback))!
            guard let number = Int(text), range.contains(number) else { throw ConfigurationError("\(named(key, variable)) must be \(must)") }
            return number
        }

        let storeHash = try required("bigcommerce.store_hash", "BIGCOMMERCE_STORE_HASH", file?.bigcommerce?.storeHash)
        guard storeHash.allSatisfy({ $0.isLetter || $0.isNumber }) else {
            throw ConfigurationError(
                "\(named("bigcommerce.store_hash", "BIGCOMMERCE_STORE_HASH")) must be the store hash from the API path (letters and digits only)")
        }
        let token = try required("bigcommerce.access_token", "BIGCOMMERCE_ACCESS_TOKEN", file?.bigcommerce?.accessToken)
        let apiURL = try url(
            value("bigcommerce.api_url", "BIGCOMMERCE_API_URL", file?.bigcommerce?.apiURL, default: "https://api.bigcommerce.com")!,
            name: named("bigcommerce.api_url", "BIGCOMMERCE_API_URL"))
        let clientID = value("bigcommerce.client_id", "BIGCOMMERCE_CLIENT_ID", file?.bigcommerce?.clientID)
        let clientSecret = value("bigcommerce.client_secret", "BIGCOMMERCE_CLIENT_SECRET", file?.bigcommerce?.clientSecret)
        let webhookSecret = value("bigcommerce.webhook_secret", "BIGCOMMERCE_WEBHOOK_SECRET", file?.bigcommerce?.webhookSecret)
        let includeVariants = value(
            "bigcommerce.include_variants", nil, file?.bigcommerce?.includeVariants.map { String($0) }, default: "true") == "true"
        let crawlConcurrency = try wholeNumber(
            "bigcommerce.crawl_concurrency", "CLERKBRIDGE_CRAWL_CONCURRENCY", file?.bigcommerce?.crawlConcurrency,
            default: Reindexer.Options.defaultCrawlConcurrency, in: 1...16, must: "a number of product pages read at once from 1 to 16")
        let clerkURL = try url(
            value("clerk.api_url", "CLERK_API_URL", file?.clerk?.apiURL, default: "https://api.clerk.io/v2")!,
            name: named("clerk.api_url", "CLERK_API_URL"))
        let batchSize = try wholeNumber("clerk.batch_size", nil, file?.clerk?.batchSize, default: 250, in: 1...Int.max, must: "at least 1")

        var storefronts: [DeclaredStorefront] = []
        if let declared = file?.storefronts, !declared.isEmpty {
            if environment["CLERK_PUBLIC_KEY"] != nil || environment["CLERK_PRIVATE_KEY"] != nil {
                warnings.append("CLERK_PUBLIC_KEY/CLERK_PRIVATE_KEY are ignored because the config file declares storefronts")
            }
            for (index, entry) in declared.enumerated() {
                storefronts.append(try storefront(entry, index: index, chooser: &chooser))
            }
        } else {
            _ = value("storefronts[0].name", nil, nil, default: "default")
            let publicKey = value("storefronts[0].clerk_public_key", "CLERK_PUBLIC_KEY", nil)
            let privateKey = value("storefronts[0].clerk_private_key", "CLERK_PRIVATE_KEY", nil)
            guard let publicKey, let privateKey else {
                throw ConfigurationError(
                    "\(publicKey == nil ? "CLERK_PUBLIC_KEY" : "CLERK_PRIVATE_KEY") is required but not set: declare `storefronts:` "
                        + "in the config file, or set CLERK_PUBLIC_KEY and CLERK_PRIVATE_KEY for the single storefront `default`")
            }
            storefronts = [DeclaredStorefront(name: "default", clerkKeys: ClerkStoreKeys(publicKey: publicKey, privateKey: privateKey))]
        }
        for (index, storefront) in storefronts.enumerated() {
            if let first = storefronts[..<index].firstIndex(where: { $0.name == storefront.name }) {
                throw ConfigurationError(
                    "\(named("storefronts[\(index)].name")) is declared twice: storefronts[\(first)] has the same name")
            }
        }

        let database = chooser.choose(
            "database_url", flag: ("--database-url", flags.databaseURL), variable: "CLERKBRIDGE_DATABASE_URL",
            file: file?.databaseURL, default: "sqlite:clerkbridge.sqlite")!
        do {
            _ = try DatabaseLocation.parse(database)
        } catch {
            let problem = switch error {
            case .empty: "is empty"
            case .unsupportedScheme: "names no database clerkbridge knows"
            case .invalidSQLitePath(_, let reason), .invalidPostgresURL(_, let reason): "cannot be used: \(reason)"
            }
            throw ConfigurationError(
                "\(named("database_url", "CLERKBRIDGE_DATABASE_URL")) \(problem); expected sqlite:PATH, sqlite::memory: or "
                    + "postgres://USER:PASS@HOST:PORT/DB")
        }
        let host = value("server.host", "CLERKBRIDGE_HOST", file?.server?.host, default: "127.0.0.1")!
        let port = try wholeNumber(
            "server.port", "CLERKBRIDGE_PORT", file?.server?.port, default: 8080, in: 0...65535, must: "a port number from 0 to 65535")
        let publicURL = value("server.public_url", "CLERKBRIDGE_PUBLIC_URL", file?.server?.publicURL)
        if let publicURL { _ = try url(publicURL, name: named("server.public_url", "CLERKBRIDGE_PUBLIC_URL")) }
        let trustText = value(
            "server.trust_forwarded_for", "CLERKBRIDGE_TRUST_FORWARDED_FOR", file?.server?.trustForwardedFor.map { String($0) },
            default: "false")!
        let trustForwardedFor: Bool
        switch trustText.lowercased() {
        case "true", "1", "yes": trustForwardedFor = true
        case "false", "0", "no": trustForwardedFor = false
        default:
            throw ConfigurationError("\(named("server.trust_forwarded_for", "CLERKBRIDGE_TRUST_FORWARDED_FOR")) must be true or false")
        }
        let cacheSeconds = try wholeNumber(
            "server.placement_cache_seconds", "CLERKBRIDGE_PLACEMENT_CACHE_SECONDS", file?.server?.placementCacheSeconds, default: 30,
            in: 0...300, must: "seconds from 0 (off) to 300")

        let reconcileInterval = try interval(
            value("sync.reconcile_interval", "CLERKBRIDGE_RECONCILE_INTERVAL", file?.sync?.reconcileInterval, default: "15m")!,
            name: named("sync.reconcile_interval", "CLERKBRIDGE_RECONCILE_INTERVAL"))
        let reindexInterval = try interval(
            value("sync.reindex_interval", "CLERKBRIDGE_REINDEX_INTERVAL", file?.sync?.reindexInterval, default: "24h")!,
            name: named("sync.reindex_interval", "CLERKBRIDGE_REINDEX_INTERVAL"))
        let validateInterval = try interval(
            value("sync.validate_interval", "CLERKBRIDGE_VALIDATE_INTERVAL", file?.sync?.validateInterval, default: "1h")!,
            name: named("sync.validate_interval", "CLERKBRIDGE_VALIDATE_INTERVAL"))
        let fractionText = value(
            "sync.max_removal_fraction", "CLERKBRIDGE_MAX_REMOVAL_FRACTION", file?.sync?.maxRemovalFraction.map { String($0) },
            default: "0.2")!
        guard let maxRemovalFraction = Double(fractionText), (0...1).contains(maxRemovalFraction) else {
            throw ConfigurationError(
                "\(named("sync.max_removal_fraction", "CLERKBRIDGE_MAX_REMOVAL_FRACTION")) must be a number from 0 to 1 "
                    + "(the largest share of a storefront's products one run may remove)")
        }

        let importText = value(
            "sync.import_history", "CLERKBRIDGE_IMPORT_HISTORY", file?.sync?.importHistory.map { String($0) }, default: "true")!
        let importHistory: Bool
        switch importText.lowercased() {
        case "true", "1", "yes": importHistory = true
        case "false", "0", "no": importHistory = false
        default: throw ConfigurationError("\(named("sync.import_history", "CLERKBRIDGE_IMPORT_HISTORY")) must be true or false")
        }
        let audienceInterval = try interval(
            value("sync.audience_interval", "CLERKBRIDGE_AUDIENCE_INTERVAL", file?.sync?.audienceInterval, default: "1h")!,
            name: named("sync.audience_interval", "CLERKBRIDGE_AUDIENCE_INTERVAL"))
        var audiences: [AudienceMapping] = []
        for (index, entry) in (file?.audiences ?? []).enumerated() {
            audiences.append(try audience(entry, index: index, storefronts: storefronts, chooser: &chooser))
        }
        for (index, audience) in audiences.enumerated() {
            if let first = audiences[..<index].firstIndex(where: { $0.segment == audience.segment }) {
                throw ConfigurationError(
                    "\(named("audiences[\(index)].segment")) names the same segment as audiences[\(first)]: one segment mirrors one audience")
            }
        }

        let rateText = value("events.rate_limit", "CLERKBRIDGE_EVENTS_RATE_LIMIT", file?.events?.rateLimit, default: "20")!
        let eventsRateLimit: Double?
        if rateText.lowercased() == "off" {
            eventsRateLimit = nil
        } else if let rate = Double(rateText), rate > 0, rate.isFinite {
            eventsRateLimit = rate
        } else {
            throw ConfigurationError(
                "\(named("events.rate_limit", "CLERKBRIDGE_EVENTS_RATE_LIMIT")) must be requests per second per client (e.g. 20) or `off`")
        }
        let concurrency = try wholeNumber(
            "events.forward_concurrency", "CLERKBRIDGE_FORWARD_CONCURRENCY", file?.events?.forwardConcurrency, default: 32, in: 1...256,
            must: "a number of Clerk calls from 1 to 256")

        let placements = try Self.placements(file?.placements ?? [:], lines: chooser.lines)
        for placement in placements { chooser.note("placements.\(placement.name)", Self.summary(of: placement)) }
        let placementTemplate = try Self.template(
            at: value("templates.placement", "CLERKBRIDGE_PLACEMENT_TEMPLATE", file?.templates?.placement),
            name: named("templates.placement", "CLERKBRIDGE_PLACEMENT_TEMPLATE"))
        let emailBlockTemplate = try Self.template(
            at: value("templates.email_block", "CLERKBRIDGE_EMAIL_BLOCK_TEMPLATE", file?.templates?.emailBlock),
            name: named("templates.email_block", "CLERKBRIDGE_EMAIL_BLOCK_TEMPLATE"))
        let searchTemplate = try Self.template(
            at: value("templates.search", "CLERKBRIDGE_SEARCH_TEMPLATE", file?.templates?.search),
            name: named("templates.search", "CLERKBRIDGE_SEARCH_TEMPLATE"))
        var placementTemplates: [String: String] = [:]
        for (name, entry) in (file?.placements ?? [:]).sorted(by: { $0.key < $1.key }) where entry.template != nil {
            let key = "placements.\(name).template"
            placementTemplates[name] = try Self.template(at: value(key, nil, entry.template), name: named(key))
        }
        let emailBlocksToken = value("email_blocks.token", "CLERKBRIDGE_EMAIL_BLOCKS_TOKEN", file?.emailBlocks?.token)
        if let emailBlocksToken, emailBlocksToken.count < 16 {
            throw ConfigurationError(
                "\(named("email_blocks.token", "CLERKBRIDGE_EMAIL_BLOCKS_TOKEN")) must be at least 16 characters: it guards shoppers' carts and history")
        }
        let adminToken = value("admin_token", "CLERKBRIDGE_ADMIN_TOKEN", file?.adminToken)
        let adminReadOnlyToken = value("admin_readonly_token", "CLERKBRIDGE_ADMIN_READONLY_TOKEN", file?.adminReadOnlyToken)
        for (key, variable, token) in [
            ("admin_token", "CLERKBRIDGE_ADMIN_TOKEN", adminToken), ("admin_readonly_token", "CLERKBRIDGE_ADMIN_READONLY_TOKEN", adminReadOnlyToken),
        ] where (token?.count ?? 16) < 16 {
            throw ConfigurationError("\(named(key, variable)) must be at least 16 characters: it opens the dashboard to the network")
        }
        if adminReadOnlyToken != nil, adminToken == nil {
            throw ConfigurationError(
                "\(named("admin_readonly_token", "CLERKBRIDGE_ADMIN_READONLY_TOKEN")) needs CLERKBRIDGE_ADMIN_TOKEN (admin_token) beside it: "
                    + "without an admin token the dashboard answers loopback clients only")
        }
        if let adminToken, adminToken == adminReadOnlyToken {
            throw ConfigurationError(
                "\(named("admin_readonly_token", "CLERKBRIDGE_ADMIN_READONLY_TOKEN")) equals the admin token: the read-only token must differ")
        }

        let levelText = chooser.choose(
            "log.level", flag: ("--log-level", flags.logLevel), variable: "CLERKBRIDGE_LOG_LEVEL", file: file?.log?.level,
            default: "info")!
        guard let level = Logger.Level(rawValue: levelText.lowercased()) else {
            throw ConfigurationError(
                "\(named("log.level", "CLERKBRIDGE_LOG_LEVEL")) must be one of trace, debug, info, notice, warning, error, critical")
        }
        let formatText = chooser.choose(
            "log.format", flag: ("--log-format", flags.logFormat), variable: "CLERKBRIDGE_LOG_FORMAT", file: file?.log?.format,
            default: "text")!
        guard let format = LogFormat(rawValue: formatText.lowercased()) else {
            throw ConfigurationError("\(named("log.format", "CLERKBRIDGE_LOG_FORMAT")) must be `text` or `json`")
        }

        var settings = Settings(
            bigCommerce: BigCommerceCredentials(storeHash: storeHash, accessToken: token, apiURL: apiURL),
            clientSecret: clientSecret, webhookSecret: webhookSecret,
            clerkAPIURL: clerkURL, clerkBatchSize: batchSize, storefronts: storefronts,
            databaseURL: database, host: host, port: port, publicURL: publicURL, adminToken: adminToken,
            logLevel: level, logFormat: format, warnings: warnings)
        settings.includeVariants = includeVariants
        settings.crawlConcurrency = crawlConcurrency
        settings.clientID = clientID
        if let clientID, clientID == clientSecret {
            throw ConfigurationError(
                "\(named("bigcommerce.client_id", "BIGCOMMERCE_CLIENT_ID")) equals the client secret: set the app's public client id there, never the secret")
        }
        settings.reconcileInterval = reconcileInterval
        settings.reindexInterval = reindexInterval
        settings.validateInterval = validateInterval
        settings.maxRemovalFraction = maxRemovalFraction
        settings.importHistoryOnStart = importHistory
        settings.audienceInterval = audienceInterval
        settings.audiences = audiences
        settings.eventsRateLimit = eventsRateLimit
        settings.forwardConcurrency = concurrency
        settings.trustForwardedFor = trustForwardedFor
        settings.placementCacheSeconds = cacheSeconds
        settings.placements = placements
        settings.placementTemplate = placementTemplate
        settings.emailBlockTemplate = emailBlockTemplate
        settings.searchTemplate = searchTemplate
        settings.placementTemplates = placementTemplates
        settings.emailBlocksToken = emailBlocksToken
        settings.adminReadOnlyToken = adminReadOnlyToken
        settings.origins = chooser.origins
        return settings
    }

    /// How `config check` shows a placement: its kind, limit, labels and options.
    static func summary(of placement: Placement) -> String {
        var parts = ["kind \(placement.kind.rawValue)", "limit \(placement.limit)", "labels \(placement.labels.joined(separator: " | "))"]
        if placement.inStockOnly { parts.append("in stock only") }
        if let filter = placement.filter { parts.append("filter \(filter)") }
        return parts.joined(separator: ", ")
    }

    /// The built-in placements with the file's changes, then the merchant's own placements by name; errors name the
    /// key with its line from `lines`.
    static func placements(_ declared: [String: ConfigFile.Placement], lines: [String: Int] = [:]) throws -> [Placement] {
        func at(_ key: String) -> String { lines[key].map { "\(key) (line \($0))" } ?? key }
        var result = Placement.defaults
        for (name, entry) in declared.sorted(by: { $0.key < $1.key }) {
            let key = "placements.\(name)"
            guard !name.isEmpty, name.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" })
            else { throw ConfigurationError("\(at(key)): a placement name may only hold a-z, 0-9, _ and -") }
            let existing = result.firstIndex { $0.name == name }
            let kind: PlacementKind
            if let text = entry.kind {
                guard let parsed = PlacementKind(rawValue: text) else {
                    throw ConfigurationError(
                        "\(at("\(key).kind")) must be one of \(PlacementKind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                kind = parsed
            } else if let existing {
                kind = result[existing].kind
            } else {
                throw ConfigurationError("\(key).kind is required for a placement of your own\(lines[key].map { " (line \($0))" } ?? "")")
            }
            if let limit = entry.limit, !(1...Placement.maxLimit).contains(limit) {
                throw ConfigurationError("\(at("\(key).limit")) must be from 1 to \(Placement.maxLimit)")
            }
            if let labels = entry.labels, labels.isEmpty || labels.contains(where: \.isEmpty) {
                throw ConfigurationError(
                    "\(at("\(key).labels")) must be a non-empty list of non-empty strings (Clerk attributes clicks by them)")
            }
            let base = existing.map { result[$0] }
            let placement = Placement(
                name: name, kind: kind, labels: entry.labels ?? base?.labels ?? [name],
                limit: entry.limit ?? base?.limit ?? 8, filter: entry.filter ?? base?.filter,
                inStockOnly: entry.inStockOnly ?? base?.inStockOnly ?? false)
            if let existing { result[existing] = placement } else { result.append(placement) }
        }
        return result
    }

    /// The text of the template file at `path` (nil when no path is set); `name` is the key the error names.
    static func template(at path: String?, name: String) throws -> String? {
        guard let path, !path.isEmpty else { return nil }
        return try text(at: path, described: "\(name): template file \(path)")
    }

    /// The UTF-8 text of the file at `path`; errors start with `described` (what the file is).
    static func text(at path: String, described: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError("\(described) cannot be read (missing or not readable)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError("\(described) is not UTF-8 text")
        }
        return text
    }

    /// The storefront declared at `storefronts[index]`, each field recorded in `chooser`.
    private func storefront(_ declared: ConfigFile.Storefront, index: Int, chooser: inout SettingChooser) throws -> DeclaredStorefront {
        let at = "storefronts[\(index)]"
        func field(_ name: String, _ value: String?) -> String? { chooser.choose("\(at).\(name)", file: value) }
        func named(_ name: String) -> String { chooser.label("\(at).\(name)") }
        guard let name = field("name", declared.name) else { throw ConfigurationError("\(at).name is required") }
        guard name.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
            throw ConfigurationError("\(named("name")) may only hold a-z, 0-9 and -")
        }
        _ = field("channel_id", declared.channelID.map(String.init))
        let currency = field("currency", declared.currency)
        let locale = field("locale", declared.locale)
        var baseURL = field("base_url", declared.baseURL)
        let hidden = field("include_hidden_categories", declared.includeHiddenCategories.map { String($0) }) == "true"
        guard let publicKey = field("clerk_public_key", declared.clerkPublicKey) else {
            throw ConfigurationError("\(at).clerk_public_key is required (storefront `\(name)`)")
        }
        guard let privateKey = field("clerk_private_key", declared.clerkPrivateKey) else {
            throw ConfigurationError("\(at).clerk_private_key is required (storefront `\(name)`)")
        }
        if let channel = declared.channelID, channel < 1 {
            throw ConfigurationError("\(named("channel_id")) must be a BigCommerce channel id (1 or more)")
        }
        if let currency, !(currency.count == 3 && currency.allSatisfy(\.isLetter)) {
            throw ConfigurationError("\(named("currency")) must be an ISO currency code like USD")
        }
        if let given = baseURL {
            _ = try url(given, name: named("base_url"))
            while baseURL?.hasSuffix("/") == true { baseURL?.removeLast() }
        }
        return DeclaredStorefront(
            name: name, channelID: declared.channelID, currency: currency?.uppercased(), locale: locale, baseURL: baseURL,
            includeHiddenCategories: hidden, clerkKeys: ClerkStoreKeys(publicKey: publicKey, privateKey: privateKey))
    }

    /// The audience declared at `audiences[index]`, each field recorded in `chooser`; the storefront defaults to the first
    /// declared one and must be declared.
    private func audience(
        _ declared: ConfigFile.Audience, index: Int, storefronts: [DeclaredStorefront], chooser: inout SettingChooser
    ) throws -> AudienceMapping {
        let at = "audiences[\(index)]"
        func field(_ name: String, _ value: String?) -> String? { chooser.choose("\(at).\(name)", file: value) }
        guard let id = field("clerk_audience_id", declared.clerkAudienceID)?.trimmingCharacters(in: .whitespaces), !id.isEmpty else {
            throw ConfigurationError("\(at).clerk_audience_id is required (the audience's id in my.clerk.io)")
        }
        guard let segment = field("segment", declared.segment)?.trimmingCharacters(in: .whitespaces), !segment.isEmpty else {
            throw ConfigurationError("\(at).segment is required (the name of the BigCommerce customer segment that mirrors the audience)")
        }
        let storefront = field("storefront", declared.storefront) ?? storefronts.first?.name ?? "default"
        guard storefronts.contains(where: { $0.name == storefront }) else {
            throw ConfigurationError(
                "\(chooser.label("\(at).storefront")) names storefront `\(storefront)`, which is not declared (declared: "
                    + "\(storefronts.map(\.name).joined(separator: ", ")))")
        }
        return AudienceMapping(clerkAudienceID: id, storefront: storefront, segment: segment)
    }

    /// `off` (or `0`) → nil; otherwise a number with a unit: `90s`, `15m`, `24h`, `7d` (plain numbers are seconds).
    func interval(_ text: String, name: String) throws -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed == "off" || trimmed == "0" { return nil }
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
        var digits = trimmed
        var factor: Int64 = 1
        if let last = trimmed.last, let unit = units[last] {
            digits.removeLast()
            factor = unit
        }
        guard let amount = Int64(digits), amount > 0, amount <= 365 * 86_400 / factor else {
            throw ConfigurationError("\(name) must be `off` or a duration like 90s, 15m, 24h or 7d")
        }
        let seconds = amount * factor
        guard seconds >= 60 else { throw ConfigurationError("\(name) must be at least 60 seconds (or `off`)") }
        return .seconds(seconds)
    }

    private func url(_ text: String, name: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw ConfigurationError("\(name) must be an absolute http(s) URL")
        }
        return url
    }
}
