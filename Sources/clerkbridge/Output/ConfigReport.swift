import Foundation

/// What `config check` prints: every effective setting, masked as the loader recorded it, with where it came from.
struct ConfigReport: Encodable {
    /// One setting.
    struct Entry: Encodable {
        /// The config-file key (`storefronts[0].locale`), or `config` for the config file's location.
        var key: String
        /// Nil when unset; secrets are `***`.
        var value: String?
        /// `flag`, `environment`, `file` or `default`.
        var source: String
        /// The flag that set it.
        var flag: String?
        /// The environment variable that set it.
        var variable: String?
        /// The config file's line that set it.
        var line: Int?

        init(_ origin: SettingOrigin) {
            key = origin.key
            value = origin.shown
            source = origin.source.name
            switch origin.source {
            case .flag(let name): flag = name
            case .environment(let name): variable = name
            case .file(let at): line = at
            case .byDefault: break
            }
        }

        /// `flag --log-level`, `environment BIGCOMMERCE_STORE_HASH`, `file line 7`, `default`.
        var sourceText: String {
            [source, flag ?? variable ?? line.map { "line \($0)" }].compactMap { $0 }.joined(separator: " ")
        }
    }

    /// Always true: a configuration that does not load exits 2 without a report.
    var ok = true
    var settings: [Entry]
    var warnings: [String]

    init(settings: Settings) {
        self.settings = settings.origins.map(Entry.init)
        warnings = settings.warnings
    }

    /// A table of key, value and source, then the warnings.
    var text: String {
        let keyWidth = settings.map(\.key.count).max() ?? 0
        let valueWidth = min(48, settings.map { ($0.value ?? "unset").count }.max() ?? 0)
        var lines = settings.map { entry in
            let value = entry.value ?? "unset"
            return entry.key.padding(toLength: keyWidth + 2, withPad: " ", startingAt: 0)
                + value + String(repeating: " ", count: max(2, valueWidth + 2 - value.count)) + entry.sourceText
        }
        lines += warnings.map { "warning: \($0)" }
        lines.append("configuration ok")
        return lines.joined(separator: "\n")
    }
}
