import Foundation
import JSONSupport

/// Parses the two date formats BigCommerce uses: ISO-8601 with an offset in V3
/// (`2018-08-24T14:41:00+00:00`, also `Z` and fractional seconds) and RFC 2822 in V2
/// (`Tue, 14 Jan 2025 09:02:11 +0000`).
public enum BigCommerceDate {
    /// Parses either format; `nil` when the text is neither.
    public static func parse(_ text: String) -> Date? {
        iso8601(text) ?? rfc2822(text)
    }

    /// Parses `yyyy-MM-ddTHH:mm:ss[.fff](Z|±HH:MM|±HHMM)`; a missing offset means UTC.
    public static func iso8601(_ text: String) -> Date? {
        var scanner = ByteScanner(text)
        guard let year = scanner.digits(4), scanner.take("-"), let month = scanner.digits(2), scanner.take("-"),
            let day = scanner.digits(2)
        else { return nil }
        guard scanner.take("T") || scanner.take("t") || scanner.take(" ") else {
            return scanner.isAtEnd ? date(year, month, day, 0, 0, 0, 0, offset: 0) : nil
        }
        guard let hour = scanner.digits(2), scanner.take(":"), let minute = scanner.digits(2) else { return nil }
        var second = 0
        if scanner.take(":") {
            guard let parsed = scanner.digits(2) else { return nil }
            second = parsed
        }
        var fraction = 0.0
        if scanner.take(".") || scanner.take(",") {
            guard let (value, count) = scanner.digitRun(), count > 0 else { return nil }
            fraction = Double(value) / pow(10, Double(count))
        }
        var offset = 0
        if scanner.take("Z") || scanner.take("z") {
            offset = 0
        } else if let sign = scanner.sign() {
            guard let hours = scanner.digits(2) else { return nil }
            _ = scanner.take(":")
            let minutes = scanner.digits(2) ?? 0
            offset = sign * (hours * 3600 + minutes * 60)
        }
        guard scanner.isAtEnd else { return nil }
        return date(year, month, day, hour, minute, second, fraction, offset: offset)
    }

    /// Parses `[Ddd, ]d MMM yyyy HH:mm[:ss] (±HHMM|GMT|UT|UTC|Z)`.
    public static func rfc2822(_ text: String) -> Date? {
        let parts = text.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        var index = 0
        if let first = parts.first, first.first?.isLetter == true { index = 1 }
        guard parts.count >= index + 5 else { return nil }
        guard let day = Int(parts[index]), let month = months[parts[index + 1].lowercased().prefix(3).description],
            let year = Int(parts[index + 2])
        else { return nil }
        let clock = parts[index + 3].split(separator: ":").map { Int($0) }
        guard clock.count == 2 || clock.count == 3, let hour = clock[0], let minute = clock[1] else { return nil }
        let second = clock.count == 3 ? clock[2] : 0
        guard let second else { return nil }
        let zone = parts[index + 4]
        let offset: Int
        if ["gmt", "ut", "utc", "z"].contains(zone.lowercased()) {
            offset = 0
        } else {
            var scanner = ByteScanner(zone)
            guard let sign = scanner.sign(), let hours = scanner.digits(2) else { return nil }
            _ = scanner.take(":")
            guard let minutes = scanner.digits(2), scanner.isAtEnd else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        }
        return date(year, month, day, hour, minute, second, 0, offset: offset)
    }

    private static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
        "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    ]

    private static func date(
        _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int, _ fraction: Double,
        offset: Int
    ) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
            (0...60).contains(second)
        else { return nil }
        let time = CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return Date(timeIntervalSince1970: Double(time.secondsSinceEpoch - offset) + fraction)
    }
}

/// A tiny forward scanner over the UTF-8 bytes of a date string.
private struct ByteScanner {
    private let bytes: [UInt8]
    private var position = 0

    init(_ text: String) {
        let utf8 = text.utf8
        // Dates come untrimmed only by exception; trimming every one costs more than the rest of the parse.
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            bytes = Array(utf8)
        } else {
            bytes = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        }
    }

    var isAtEnd: Bool { position == bytes.count }

    mutating func take(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue, position < bytes.count, bytes[position] == ascii else { return false }
        position += 1
        return true
    }

    mutating func sign() -> Int? {
        if take("+") { return 1 }
        if take("-") { return -1 }
        return nil
    }

    mutating func digits(_ count: Int) -> Int? {
        guard position + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[position..<position + count] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        position += count
        return value
    }

    mutating func digitRun() -> (Int, Int)? {
        var value = 0
        var count = 0
        while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
            if count < 9 { value = value * 10 + Int(bytes[position] - UInt8(ascii: "0")) }
            count += 1
            position += 1
        }
        return (value, min(count, 9))
    }
}
