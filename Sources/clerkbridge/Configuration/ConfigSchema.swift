/// Every key a config file may hold and its shape: the one description that ``ConfigValidator`` checks files
/// against and `config check` masks secrets by. A test keeps it and ``ConfigFile``'s coding keys the same.
enum ConfigSchema {
    /// The whole file.
    static let root: ConfigShape = .mapping([
        ConfigField("bigcommerce", .mapping([
            ConfigField("store_hash", .text),
            ConfigField("access_token", .secret),
            ConfigField("api_url", .text),
            ConfigField("client_id", .text),
            ConfigField("client_secret", .secret),
            ConfigField("webhook_secret", .secret),
            ConfigField("include_variants", .boolean),
            ConfigField("crawl_concurrency", .wholeNumber),
        ])),
        ConfigField("clerk", .mapping([
            ConfigField("api_url", .text),
            ConfigField("batch_size", .wholeNumber),
        ])),
        ConfigField("storefronts", .list(.mapping([
            ConfigField("name", .text),
            ConfigField("channel_id", .wholeNumber),
            ConfigField("currency", .text),
            ConfigField("locale", .text),
            ConfigField("base_url", .text),
            ConfigField("include_hidden_categories", .boolean),
            ConfigField("clerk_public_key", .text),
            ConfigField("clerk_private_key", .secret),
        ]))),
        ConfigField("database_url", .text),
        ConfigField("server", .mapping([
            ConfigField("host", .text),
            ConfigField("port", .wholeNumber),
            ConfigField("public_url", .text),
            ConfigField("trust_forwarded_for", .boolean),
            ConfigField("placement_cache_seconds", .wholeNumber),
        ])),
        ConfigField("sync", .mapping([
            ConfigField("reconcile_interval", .text),
            ConfigField("reindex_interval", .text),
            ConfigField("validate_interval", .text),
            ConfigField("max_removal_fraction", .number),
            ConfigField("import_history", .boolean),
            ConfigField("audience_interval", .text),
        ])),
        ConfigField("audiences", .list(.mapping([
            ConfigField("clerk_audience_id", .numberOrText),
            ConfigField("storefront", .text),
            ConfigField("segment", .text),
        ]))),
        ConfigField("events", .mapping([
            ConfigField("rate_limit", .numberOrText),
            ConfigField("forward_concurrency", .wholeNumber),
        ])),
        ConfigField("placements", .named(.mapping([
            ConfigField("kind", .text),
            ConfigField("labels", .list(.text)),
            ConfigField("limit", .wholeNumber),
            ConfigField("filter", .text),
            ConfigField("in_stock_only", .boolean),
            ConfigField("template", .text),
        ]))),
        ConfigField("templates", .mapping([
            ConfigField("placement", .text),
            ConfigField("email_block", .text),
            ConfigField("search", .text),
        ])),
        ConfigField("email_blocks", .mapping([
            ConfigField("token", .secret),
        ])),
        ConfigField("admin_token", .secret),
        ConfigField("admin_readonly_token", .secret),
        ConfigField("log", .mapping([
            ConfigField("level", .text),
            ConfigField("format", .text),
        ])),
    ])

    /// The shape at a key path as errors and `config check` name it (`storefronts[1].clerk_private_key`,
    /// `placements.outlet.limit`); nil for a path the schema does not have.
    static func shape(at path: String) -> ConfigShape? {
        var shape = root
        for component in ConfigPath.components(of: path) {
            switch (shape, component) {
            case (.mapping(let fields), .key(let name)):
                guard let field = fields.first(where: { $0.name == name }) else { return nil }
                shape = field.shape
            case (.named(let entry), .key):
                shape = entry
            case (.list(let element), .index):
                shape = element
            default:
                return nil
            }
        }
        return shape
    }

    /// Whether the value at `path` is a secret, never to be shown.
    static func isSecret(_ path: String) -> Bool {
        if case .secret = shape(at: path) { return true }
        return false
    }

    /// Every mapping with fixed keys, by its path with `[]` for any list index and `*` for any chosen name
    /// (`storefronts[]`, `placements.*`; the root is ""), with its keys in the schema's order.
    static var mappings: [String: [String]] {
        var found: [String: [String]] = [:]
        func walk(_ shape: ConfigShape, _ path: String) {
            switch shape {
            case .mapping(let fields):
                found[path] = fields.map(\.name)
                for field in fields { walk(field.shape, ConfigPath.join(path, field.name)) }
            case .named(let entry):
                walk(entry, ConfigPath.join(path, "*"))
            case .list(let element):
                walk(element, path + "[]")
            case .text, .secret, .wholeNumber, .boolean, .number, .numberOrText:
                break
            }
        }
        walk(root, "")
        return found
    }
}
