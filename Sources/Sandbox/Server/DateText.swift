import Foundation

/// Date formats of the BigCommerce API, computed arithmetically (UTC) so rendering stays cheap and deterministic.
enum DateText {
    static func parts(_ date: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        let weekday = ((days % 7) + 11) % 7  // 0 = Sunday; 1970-01-01 was a Thursday
        return (year, month, day, secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60, weekday)
    }

    static func two(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    /// `2024-03-01T10:00:00+00:00`
    static func iso8601(_ date: Date) -> String {
        let p = parts(date)
        return "\(p.year)-\(two(p.month))-\(two(p.day))T\(two(p.hour)):\(two(p.minute)):\(two(p.second))+00:00"
    }

    /// `Fri, 01 Mar 2024 10:00:00 +0000` (V2).
    static func rfc2822(_ date: Date) -> String {
        let p = parts(date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(days[p.weekday]), \(two(p.day)) \(months[p.month - 1]) \(p.year) \(two(p.hour)):\(two(p.minute)):\(two(p.second)) +0000"
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
}
