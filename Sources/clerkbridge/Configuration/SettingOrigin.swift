/// Where one effective setting came from, with its value as it may be shown: what `config check` prints.
struct SettingOrigin: Sendable, Equatable {
    /// Where a value was taken from, by contract.md's precedence.
    enum Source: Sendable, Equatable {
        /// A command-line flag, e.g. `--database-url`.
        case flag(String)
        /// An environment variable, by name.
        case environment(String)
        /// The config file, at this line when known.
        case file(line: Int?)
        /// Nothing set it.
        case byDefault

        /// `flag`, `environment`, `file` or `default`.
        var name: String {
            switch self {
            case .flag: "flag"
            case .environment: "environment"
            case .file: "file"
            case .byDefault: "default"
            }
        }
    }

    /// The setting's config-file key (`storefronts[0].locale`); `config` for the config file's own location.
    let key: String
    /// The value as chosen, with secrets as `***` and URL passwords masked; nil when unset.
    let shown: String?
    let source: Source

    /// Records `value` for `key`, masked as ``ConfigSchema`` says: a secret's value is never kept.
    init(key: String, value: String?, source: Source) {
        self.key = key
        self.source = source
        guard let value else {
            shown = nil
            return
        }
        shown = ConfigSchema.isSecret(key) ? "***" : Self.maskingPassword(value)
    }

    /// `scheme://user:password@host…` with the password as `***`; other text as it is.
    static func maskingPassword(_ value: String) -> String {
        guard let scheme = value.range(of: "://") else { return value }
        let authorityEnd = value[scheme.upperBound...].firstIndex { "/?#".contains($0) } ?? value.endIndex
        let authority = value[scheme.upperBound..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else { return value }
        return String(value[...colon]) + "***" + String(value[at...])
    }
}
