import BigCommerceAPI
import ClerkAPI
import Foundation
import Logging
import Storefront
import StorefrontRegistry
import SyncEngine
import Yams

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

    func load() throws -> Settings {
        let file = try readFile()
        var warnings: [String] = []

        func value(_ env: String, _ fileValue: String?) -> String? {
            if let fromEnv = environment[env], !fromEnv.isEmpty { return fromEnv }
            return fileValue.flatMap { $0.isEmpty ? nil : $0 }
        }
        func required(_ env: String, _ key: String, _ fileValue: String?) throws -> String {
            guard let found = value(env, fileValue) else {
                throw ConfigurationError("\(env) (config key `\(key)`) is required but not set")
            }
            return found
        }

        let storeHash = try required("BIGCOMMERCE_STORE_HASH", "bigcommerce.store_hash", file?.bigcommerce?.storeHash)
        guard storeHash.allSatisfy({ $0.isLetter || $0.isNumber }) else {
            throw ConfigurationError("BIGCOMMERCE_STORE_HASH must be the store hash from the API path (letters and digits only)")
        }
        let token = try required("BIGCOMMERCE_ACCESS_TOKEN", "bigcommerce.access_token", file?.bigcommerce?.accessToken)
        let apiURL = try url(
            value("BIGCOMMERCE_API_URL", file?.bigcommerce?.apiURL) ?? "https://api.bigcommerce.com",
            name: "BIGCOMMERCE_API_URL (bigcommerce.api_url)")
        let clerkURL = try url(
            value("CLERK_API_URL", file?.clerk?.apiURL) ?? "https://api.clerk.io/v2",
            name: "CLERK_API_URL (clerk.api_url)")

        var storefronts: [DeclaredStorefront]
        if let declared = file?.storefronts, !declared.isEmpty {
            if environment["CLERK_PUBLIC_KEY"] != nil || environment["CLERK_PRIVATE_KEY"] != nil {
                warnings.append("CLERK_PUBLIC_KEY/CLERK_PRIVATE_KEY are ignored because the config file declares storefronts")
            }
            storefronts = try declared.enumerated().map { try storefront($0.element, index: $0.offset) }
        } else {
            let publicKey = try required("CLERK_PUBLIC_KEY", "storefronts[].clerk_public_key", nil)
            let privateKey = try required("CLERK_PRIVATE_KEY", "storefronts[].clerk_private_key", nil)
            storefronts = [DeclaredStorefront(name: "default", clerkKeys: ClerkStoreKeys(publicKey: publicKey, privateKey: privateKey))]
        }
        var names = Set<String>()
        for storefront in storefronts where !names.insert(storefront.name).inserted {
            throw ConfigurationError("storefronts: the name `\(storefront.name)` is declared twice")
        }

        let database = flags.databaseURL ?? value("CLERKBRIDGE_DATABASE_URL", file?.databaseURL) ?? "sqlite:clerkbridge.sqlite"
        let host = value("CLERKBRIDGE_HOST", file?.server?.host) ?? "127.0.0.1"
        let portText = value("CLERKBRIDGE_PORT", file?.server?.port.map(String.init)) ?? "8080"
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw ConfigurationError("CLERKBRIDGE_PORT (server.port) must be a port number, got `\(portText)`")
        }
        let levelText = flags.logLevel ?? value("CLERKBRIDGE_LOG_LEVEL", file?.log?.level) ?? "info"
        guard let level = Logger.Level(rawValue: levelText.lowercased()) else {
            throw ConfigurationError("CLERKBRIDGE_LOG_LEVEL (log.level) must be one of trace, debug, info, notice, warning, error, critical; got `\(levelText)`")
        }
        let formatText = flags.logFormat ?? value("CLERKBRIDGE_LOG_FORMAT", file?.log?.format) ?? "text"
        guard let format = LogFormat(rawValue: formatText.lowercased()) else {
            throw ConfigurationError("CLERKBRIDGE_LOG_FORMAT (log.format) must be `text` or `json`; got `\(formatText)`")
        }
        let batchSize = file?.clerk?.batchSize ?? 250
        guard batchSize >= 1 else { throw ConfigurationError("clerk.batch_size must be at least 1") }

        var settings = Settings(
            bigCommerce: BigCommerceCredentials(storeHash: storeHash, accessToken: token, apiURL: apiURL),
            clientSecret: value("BIGCOMMERCE_CLIENT_SECRET", file?.bigcommerce?.clientSecret),
            webhookSecret: value("BIGCOMMERCE_WEBHOOK_SECRET", file?.bigcommerce?.webhookSecret),
            clerkAPIURL: clerkURL, clerkBatchSize: batchSize, storefronts: storefronts,
            databaseURL: database, host: host, port: port,
            publicURL: value("CLERKBRIDGE_PUBLIC_URL", file?.server?.publicURL),
            adminToken: value("CLERKBRIDGE_ADMIN_TOKEN", file?.adminToken),
            logLevel: level, logFormat: format, warnings: warnings)
        settings.includeVariants = file?.bigcommerce?.includeVariants ?? true
        settings.clientID = value("BIGCOMMERCE_CLIENT_ID", file?.bigcommerce?.clientID)
        if let clientID = settings.clientID, clientID == settings.clientSecret {
            throw ConfigurationError(
                "BIGCOMMERCE_CLIENT_ID (bigcommerce.client_id) equals the client secret: set the app's public client id there, never the secret")
        }
        settings.reconcileInterval = try interval(
            value("CLERKBRIDGE_RECONCILE_INTERVAL", file?.sync?.reconcileInterval) ?? "15m",
            name: "CLERKBRIDGE_RECONCILE_INTERVAL (sync.reconcile_interval)")
        settings.reindexInterval = try interval(
            value("CLERKBRIDGE_REINDEX_INTERVAL", file?.sync?.reindexInterval) ?? "24h",
            name: "CLERKBRIDGE_REINDEX_INTERVAL (sync.reindex_interval)")
        if let publicURL = settings.publicURL {
            _ = try url(publicURL, name: "CLERKBRIDGE_PUBLIC_URL (server.public_url)")
        }
        let rateText = value("CLERKBRIDGE_EVENTS_RATE_LIMIT", file?.events?.rateLimit) ?? "20"
        if rateText.lowercased() == "off" {
            settings.eventsRateLimit = nil
        } else if let rate = Double(rateText), rate > 0, rate.isFinite {
            settings.eventsRateLimit = rate
        } else {
            throw ConfigurationError(
                "CLERKBRIDGE_EVENTS_RATE_LIMIT (events.rate_limit) must be requests per second per client (e.g. 20) or `off`; got `\(rateText)`")
        }
        let concurrencyText = value("CLERKBRIDGE_FORWARD_CONCURRENCY", file?.events?.forwardConcurrency.map(String.init)) ?? "32"
        guard let concurrency = Int(concurrencyText), (1...256).contains(concurrency) else {
            throw ConfigurationError(
                "CLERKBRIDGE_FORWARD_CONCURRENCY (events.forward_concurrency) must be a number of Clerk calls from 1 to 256; got `\(concurrencyText)`")
        }
        settings.forwardConcurrency = concurrency
        settings.placements = try Self.placements(file?.placements ?? [:])
        let cacheText = value("CLERKBRIDGE_PLACEMENT_CACHE_SECONDS", file?.server?.placementCacheSeconds.map(String.init)) ?? "30"
        guard let cacheSeconds = Int(cacheText), (0...300).contains(cacheSeconds) else {
            throw ConfigurationError(
                "CLERKBRIDGE_PLACEMENT_CACHE_SECONDS (server.placement_cache_seconds) must be seconds from 0 (off) to 300; got `\(cacheText)`")
        }
        settings.placementCacheSeconds = cacheSeconds
        settings.emailBlocksToken = value("CLERKBRIDGE_EMAIL_BLOCKS_TOKEN", file?.emailBlocks?.token)
        if let token = settings.emailBlocksToken, token.count < 16 {
            throw ConfigurationError(
                "CLERKBRIDGE_EMAIL_BLOCKS_TOKEN (email_blocks.token) must be at least 16 characters: it guards shoppers' carts and history")
        }
        settings.placementTemplate = try Self.template(
            at: value("CLERKBRIDGE_PLACEMENT_TEMPLATE", file?.templates?.placement),
            name: "CLERKBRIDGE_PLACEMENT_TEMPLATE (templates.placement)")
        settings.emailBlockTemplate = try Self.template(
            at: value("CLERKBRIDGE_EMAIL_BLOCK_TEMPLATE", file?.templates?.emailBlock),
            name: "CLERKBRIDGE_EMAIL_BLOCK_TEMPLATE (templates.email_block)")
        for (name, entry) in file?.placements ?? [:] {
            settings.placementTemplates[name] = try Self.template(at: entry.template, name: "placements.\(name).template")
        }
        let trustText = value("CLERKBRIDGE_TRUST_FORWARDED_FOR", file?.server?.trustForwardedFor.map { $0 ? "true" : "false" }) ?? "false"
        switch trustText.lowercased() {
        case "true", "1", "yes": settings.trustForwardedFor = true
        case "false", "0", "no": settings.trustForwardedFor = false
        default:
            throw ConfigurationError(
                "CLERKBRIDGE_TRUST_FORWARDED_FOR (server.trust_forwarded_for) must be true or false; got `\(trustText)`")
        }
        return settings
    }

    /// The built-in placements with the file's changes, then the merchant's own placements by name.
    static func placements(_ declared: [String: ConfigFile.Placement]) throws -> [Placement] {
        var result = Placement.defaults
        for (name, entry) in declared.sorted(by: { $0.key < $1.key }) {
            let at = "placements.\(name)"
            guard !name.isEmpty, name.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" })
            else { throw ConfigurationError("\(at): a placement name may only hold a-z, 0-9, _ and -") }
            let existing = result.firstIndex { $0.name == name }
            let kind: PlacementKind
            if let text = entry.kind {
                guard let parsed = PlacementKind(rawValue: text) else {
                    throw ConfigurationError(
                        "\(at).kind `\(text)` is not one of \(PlacementKind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                kind = parsed
            } else if let existing {
                kind = result[existing].kind
            } else {
                throw ConfigurationError("\(at).kind is required for a placement of your own")
            }
            if let limit = entry.limit, !(1...Placement.maxLimit).contains(limit) {
                throw ConfigurationError("\(at).limit must be from 1 to \(Placement.maxLimit); got \(limit)")
            }
            if let labels = entry.labels, labels.isEmpty || labels.contains(where: \.isEmpty) {
                throw ConfigurationError("\(at).labels must be a non-empty list of non-empty strings (Clerk attributes clicks by them)")
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

    private func readFile() throws -> ConfigFile? {
        guard let path = flags.configPath ?? environment["CLERKBRIDGE_CONFIG"], !path.isEmpty else { return nil }
        let text = try Self.text(at: path, described: "config file \(path)")
        do {
            return try YAMLDecoder().decode(ConfigFile.self, from: text)
        } catch let error as DecodingError {
            throw ConfigurationError("config file \(path): \(Self.describe(error))")
        } catch let error as YamlError {
            throw ConfigurationError("config file \(path) is neither valid YAML nor JSON: \(Self.describe(error))")
        } catch {
            throw ConfigurationError("config file \(path) is neither valid YAML nor JSON")
        }
    }

    private func storefront(_ declared: ConfigFile.Storefront, index: Int) throws -> DeclaredStorefront {
        let at = "storefronts[\(index)]"
        guard let name = declared.name, !name.isEmpty else { throw ConfigurationError("\(at).name is required") }
        guard name.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
            throw ConfigurationError("\(at).name `\(name)` may only hold a-z, 0-9 and -")
        }
        guard let publicKey = declared.clerkPublicKey, !publicKey.isEmpty else {
            throw ConfigurationError("\(at).clerk_public_key is required (storefront `\(name)`)")
        }
        guard let privateKey = declared.clerkPrivateKey, !privateKey.isEmpty else {
            throw ConfigurationError("\(at).clerk_private_key is required (storefront `\(name)`)")
        }
        if let channel = declared.channelID, channel < 1 {
            throw ConfigurationError("\(at).channel_id must be a BigCommerce channel id (1 or more)")
        }
        if let currency = declared.currency, !(currency.count == 3 && currency.allSatisfy(\.isLetter)) {
            throw ConfigurationError("\(at).currency `\(currency)` is not an ISO currency code like USD")
        }
        var baseURL = declared.baseURL
        if let given = baseURL {
            _ = try url(given, name: "\(at).base_url")
            while baseURL?.hasSuffix("/") == true { baseURL?.removeLast() }
        }
        return DeclaredStorefront(
            name: name, channelID: declared.channelID, currency: declared.currency?.uppercased(),
            locale: declared.locale, baseURL: baseURL,
            includeHiddenCategories: declared.includeHiddenCategories ?? false,
            clerkKeys: ClerkStoreKeys(publicKey: publicKey, privateKey: privateKey))
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
            throw ConfigurationError("\(name) must be `off` or a duration like 90s, 15m, 24h or 7d; got `\(text)`")
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

    /// Where and what the syntax error is, without quoting the line (it may hold a secret).
    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            return "\(problem)\(context.map { " \($0.text)" } ?? "") at line \(mark.line), column \(mark.column)"
        default:
            return "not a mapping of keys to values"
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "`\(path(context))` should be \(type == Int.self ? "an integer" : type == Bool.self ? "true or false" : "a \(type)")"
        case .valueNotFound(_, let context):
            return "`\(path(context))` has no value"
        case .keyNotFound(let key, let context):
            return "`\(path(context))` lacks `\(key.stringValue)`"
        case .dataCorrupted(let context):
            return "`\(path(context))`: \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
