import Foundation

/// This process as leases, heartbeats and locks name it: `HOST-PID`, so an operator of several instances sees which
/// machine and process holds what.
public enum ProcessName {
    /// `HOST-PID` (the host name as `gethostname` gives it).
    public static let current: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        let host = gethostname(&buffer, buffer.count) == 0
            ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "localhost"
        return "\(host.isEmpty ? "localhost" : host)-\(ProcessInfo.processInfo.processIdentifier)"
    }()

    /// A name unique to one runner of this process: `PREFIX-HOST-PID-XXXXXXXX`.
    public static func unique(_ prefix: String) -> String {
        "\(prefix)-\(current)-\(UUID().uuidString.prefix(8).lowercased())"
    }
}
