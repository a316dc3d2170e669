/// Chooses each setting by contract.md's precedence — flag, then environment variable, then config file, then
/// default — and records where it came from. The one place a value's source is decided; `config check` prints
/// what it recorded.
struct SettingChooser {
    let environment: [String: String]
    /// The config file's key lines (``ConfigDocument/lines``), once it is read.
    var lines: [String: Int]
    /// Every choice made, in order.
    private(set) var origins: [SettingOrigin] = []

    init(environment: [String: String], lines: [String: Int] = [:]) {
        self.environment = environment
        self.lines = lines
    }

    /// The value for config key `key`: the flag's when given, else the environment variable's when set and not empty,
    /// else the file's when not empty, else `fallback`. Records the choice.
    mutating func choose(
        _ key: String, flag: (name: String, value: String?)? = nil, variable: String? = nil, file: String?,
        default fallback: String? = nil
    ) -> String? {
        if let flag, let value = flag.value {
            return record(key, value, .flag(flag.name))
        }
        if let variable, let value = environment[variable], !value.isEmpty {
            return record(key, value, .environment(variable))
        }
        if let file, !file.isEmpty {
            return record(key, file, .file(line: lines[key]))
        }
        return record(key, fallback, .byDefault)
    }

    /// Records a value worked out from others already recorded (a storefront's name, a placement's entries), as
    /// coming from the file when `key` is in it.
    mutating func note(_ key: String, _ value: String?) {
        _ = record(key, value, lines[key].map { .file(line: $0) } ?? .byDefault)
    }

    /// How a message names the setting at `key` by where its value came from: the flag; else the environment
    /// variable (when it has one) with the key, and the line when the file set it.
    func label(_ key: String, variable: String? = nil) -> String {
        let source = origins.last { $0.key == key }?.source
        if case .flag(let flag) = source { return flag }
        let line = if case .file(let line?) = source { ", line \(line)" } else { "" }
        guard let variable else { return line.isEmpty ? key : "\(key) (\(line.dropFirst(2)))" }
        return "\(variable) (\(key)\(line))"
    }

    private mutating func record(_ key: String, _ value: String?, _ source: SettingOrigin.Source) -> String? {
        origins.append(SettingOrigin(key: key, value: value, source: source))
        return value
    }
}
