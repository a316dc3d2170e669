import Foundation
import JSONSupport

/// Date formats of the BigCommerce API, computed arithmetically (UTC) so rendering stays cheap and deterministic.
enum DateText {
    /// `2024-03-01T10:00:00+00:00`
    static func iso8601(_ date: Date) -> String {
        RFC3339Timestamp.format(date, withMilliseconds: false)
    }

    /// `Fri, 01 Mar 2024 10:00:00 +0000` (V2).
    static func rfc2822(_ date: Date) -> String {
        let time = CivilTime(date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(days[time.weekday]), \(two(time.day)) \(months[time.month - 1]) \(time.year) "
            + "\(two(time.hour)):\(two(time.minute)):\(two(time.second)) +0000"
    }

    private static func two(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    /// Parses a V3 date filter value: unix seconds, full ISO-8601 (offset or `Z`; a `+` decoded as space is
    /// tolerated) or a bare date, which — as BigCommerce documents — gets the current time of day appended.
    static func parseFilter(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed) { return Date(timeIntervalSince1970: Double(seconds)) }
        var value = trimmed
        if value.count > 19, value[value.index(value.startIndex, offsetBy: 19)] == " " {
            value.replaceSubrange(value.index(value.startIndex, offsetBy: 19)...value.index(value.startIndex, offsetBy: 19), with: "+")
        }
        let full = ISO8601DateFormatter()
        full.formatOptions = [.withInternetDateTime]
        if let date = full.date(from: value) { return date }
        full.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = full.date(from: value) { return date }
        let dateOnly = ISO8601DateFormatter()
        dateOnly.formatOptions = [.withFullDate]
        if let day = dateOnly.date(from: value) {
            let now = Date().timeIntervalSince1970
            return day.addingTimeInterval(now - (now / 86_400).rounded(.down) * 86_400)
        }
        return nil
    }

    /// Parses a V2 order date filter: RFC 2822 (`Thu, 20 Apr 2017 11:32:00 -0400`) or ISO 8601 (with or without
    /// fractions, or a bare date).
    static func parseOrderFilter(_ text: String) -> Date? {
        parseFilter(text) ?? rfc2822Date(text.trimmingCharacters(in: .whitespaces))
    }

    /// `[Ddd, ]d MMM yyyy HH:mm:ss ±HHMM`.
    private static func rfc2822Date(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        for format in ["EEE, d MMM yyyy HH:mm:ss Z", "d MMM yyyy HH:mm:ss Z"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
