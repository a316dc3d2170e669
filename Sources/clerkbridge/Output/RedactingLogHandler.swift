import Foundation
import Logging
import SyncEngine

/// Writes log lines to standard error as text or JSON, masking every known secret value wherever it
/// might appear (message or metadata) — a second line of defence behind never logging secrets at all.
struct RedactingLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level
    private let label: String
    private let format: LogFormat
    private let secrets: SecretMask

    init(label: String, level: Logger.Level, format: LogFormat, secrets: [String]) {
        self.label = label
        self.logLevel = level
        self.format = format
        self.secrets = SecretMask(secrets: secrets)
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    private func mask(_ text: String) -> String {
        secrets.masking(text)
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let time = Date().formatted(.iso8601)
        var line: String
        switch format {
        case .text:
            let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            line = "\(time) \(event.level) \(label): \(event.message)\(fields.isEmpty ? "" : " " + fields)"
        case .json:
            var object: [String: String] = ["time": time, "level": "\(event.level)", "logger": label, "message": mask("\(event.message)")]
            for (key, value) in merged where object[key] == nil { object[key] = mask("\(value)") }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            line = String(decoding: data, as: UTF8.self)
        }
        line = mask(line)
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
