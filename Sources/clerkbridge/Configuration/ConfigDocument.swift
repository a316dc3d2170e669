import Foundation
import Yams

/// A config file as read: its keys decoded, and the line each key stands on. Reading it is where every YAML syntax
/// error, unknown key and value of the wrong type stops, all of them named at once (a ``ConfigurationError``).
struct ConfigDocument: Sendable {
    /// Where it was read from.
    let path: String
    let file: ConfigFile
    /// The line of each key and list entry, by path (`storefronts[0].name`).
    let lines: [String: Int]

    /// Reads, validates against ``ConfigSchema`` and decodes the file at `path`; JSON reads as YAML.
    static func read(path: String) throws -> ConfigDocument {
        let text = try SettingsLoader.text(at: path, described: "config file \(path)")
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw failure(path, [ConfigProblem(error)])
        }
        let validator = ConfigValidator(root)
        guard validator.problems.isEmpty else { throw failure(path, validator.problems) }
        do {
            let file = try root.map { try YAMLDecoder().decode(ConfigFile.self, from: $0) } ?? ConfigFile()
            return ConfigDocument(path: path, file: file, lines: validator.lines)
        } catch let error as DecodingError {
            // The validator accepts only what decodes; this names a disagreement between the two should one appear.
            throw ConfigurationError("config file \(path): `\(Self.path(of: error))` cannot be read")
        }
    }

    /// One problem on the same line as the file's name, several below it.
    static func failure(_ path: String, _ problems: [ConfigProblem]) -> ConfigurationError {
        guard problems.count > 1 else { return ConfigurationError("config file \(path), \(problems.first?.description ?? "unreadable")") }
        return ConfigurationError(
            "config file \(path) has \(problems.count) problems:\n" + problems.map { "  \($0)" }.joined(separator: "\n"))
    }

    private static func path(of error: DecodingError) -> String {
        let context: DecodingError.Context? = switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
            .dataCorrupted(let context):
            context
        @unknown default:
            nil
        }
        return (context?.codingPath ?? []).reduce("") { path, key in
            key.intValue.map { ConfigPath.join(path, index: $0) } ?? ConfigPath.join(path, key.stringValue)
        }
    }
}
