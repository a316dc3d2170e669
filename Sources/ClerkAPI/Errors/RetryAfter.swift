import Foundation

/// Parsing of the HTTP `Retry-After` header: delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
enum RetryAfter {
    /// The delay the header asks for, or nil when it is absent or unreadable. Dates in the past give zero.
    static func parse(_ value: String?, now: Date = Date()) -> Duration? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { return nil }
        if let seconds = Int(trimmed) { return .seconds(max(0, seconds)) }
        if let seconds = Double(trimmed), seconds.isFinite { return .milliseconds(Int64(max(0, seconds) * 1000)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        let interval = max(0, date.timeIntervalSince(now))
        return .milliseconds(Int64(interval * 1000))
    }
}
