import Foundation

/// How the pages write figures and times for people: grouped numbers, ages ("4 min"), UTC clock times.
enum Readable {
    /// `12345` as `12,345`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// A span of `seconds` in its largest two units: `42 s`, `3 min`, `2 h 5 min`, `3 d 4 h`.
    static func span(_ seconds: Int) -> String {
        let seconds = max(0, seconds)
        switch seconds {
        case ..<60: return "\(seconds) s"
        case ..<3_600: return "\(seconds / 60) min"
        case ..<86_400:
            let minutes = (seconds % 3_600) / 60
            return "\(seconds / 3_600) h" + (minutes > 0 ? " \(minutes) min" : "")
        default:
            let hours = (seconds % 86_400) / 3_600
            return "\(seconds / 86_400) d" + (hours > 0 ? " \(hours) h" : "")
        }
    }

    /// `date` relative to `now`: `12 s ago`, `in 3 min`, `just now`.
    static func relative(_ date: Date, now: Date) -> String {
        let seconds = Int(now.timeIntervalSince(date).rounded())
        if abs(seconds) < 2 { return "just now" }
        return seconds > 0 ? "\(span(seconds)) ago" : "in \(span(-seconds))"
    }

    /// A duration in seconds as `850 ms`, `12.4 s`, `3 min 20 s`.
    static func duration(_ seconds: Double) -> String {
        switch seconds {
        case ..<1: return "\(Int((seconds * 1_000).rounded())) ms"
        case ..<60: return String(format: "%.1f s", seconds)
        default:
            let whole = Int(seconds.rounded())
            return "\(whole / 60) min" + (whole % 60 > 0 ? " \(whole % 60) s" : "")
        }
    }

    /// `date` as `2026-12-03 14:05:09 UTC`.
    static func clock(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d UTC", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0, parts.second ?? 0)
    }

    /// Parses an RFC 3339 time as the API writes it.
    static func date(_ text: String) -> Date? {
        try? Date(text, strategy: .iso8601)
    }

    /// `text` cut to `limit` characters with an ellipsis.
    static func truncated(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
