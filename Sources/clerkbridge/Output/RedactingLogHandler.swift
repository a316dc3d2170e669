import Foundation
import Logging

/// Writes log lines to standard error as text or JSON, masking every known secret value wherever it
/// might appear (message or metadata) — a second line of defence behind never logging secrets at all.
struct RedactingLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level
    private let label: String
    private let format: LogFormat
    private let secrets: [String]

    init(label: String, level: Logger.Level, format: LogFormat, secrets: [String]) {
        self.label = label
        self.logLevel = level
        self.format = format
        self.secrets = secrets.filter { $0.count >= 4 }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let time = ISO8601DateFormatter().string(from: Date())
        var line: String
        switch format {
        case .text:
            let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            line = "\(time) \(event.level) \(label): \(event.message)\(fields.isEmpty ? "" : " " + fields)"
        case .json:
            var object: [String: String] = ["time": time, "level": "\(event.level)", "logger": label, "message": "\(event.message)"]
            for (key, value) in merged where object[key] == nil { object[key] = "\(value)" }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            line = String(decoding: data, as: UTF8.self)
        }
        for secret in secrets { line = line.replacingOccurrences(of: secret, with: "***") }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
