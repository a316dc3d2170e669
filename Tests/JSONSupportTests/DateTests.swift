import Foundation
import JSONSupport
import Testing

@Suite struct RFC3339TimestampTests {
    @Test(arguments: [
        ("2026-11-24T12:00:00Z", 1_795_521_600.0),
        ("2026-11-24t12:00:00z", 1_795_521_600.0),
        ("2026-11-24 12:00:00Z", 1_795_521_600.0),
        ("2026-11-24T13:30:00+01:30", 1_795_521_600.0),
        ("2026-11-24T07:00:00-05:00", 1_795_521_600.0),
        ("2026-11-24T12:00:00.5Z", 1_795_521_600.5),
        ("2026-11-24T12:00:00.123456789Z", 1_795_521_600.123),
        ("2024-02-29T00:00:00Z", 1_709_164_800.0),
        ("1970-01-01T00:00:00Z", 0.0),
    ])
    func parses(text: String, seconds: Double) {
        #expect(RFC3339Timestamp.parse(text) == Date(timeIntervalSince1970: seconds))
    }

    @Test(arguments: [
        "", "2026-11-24", "2026-11-24T12:00:00", "2026-11-24T12:00Z", "2026-13-01T00:00:00Z", "2025-02-29T00:00:00Z",
        "2026-11-24T24:00:00Z", "2026-11-24T12:00:00.Z", "2026-11-24T12:00:00+0100", "2026-11-24T12:00:00+01:00x",
        "2026-11-24T12:00:00.1234567890Z", "٢٠٢٦-11-24T12:00:00Z", "2026-11-24T12:00:00 Z",
    ])
    func rejects(text: String) {
        #expect(RFC3339Timestamp.parse(text) == nil)
    }

    @Test func formatsUTCWithMilliseconds() {
        #expect(RFC3339Timestamp.format(Date(timeIntervalSince1970: 1_795_521_600.25)) == "2026-11-24T12:00:00.250Z")
        #expect(RFC3339Timestamp.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
        #expect(RFC3339Timestamp.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
    }

    @Test func formatsToTheSecondWithAnOffset() {
        #expect(RFC3339Timestamp.format(Date(timeIntervalSince1970: 1_709_287_200.9), withMilliseconds: false)
            == "2024-03-01T10:00:00+00:00")
        #expect(RFC3339Timestamp.format(Date(timeIntervalSince1970: -0.5), withMilliseconds: false)
            == "1969-12-31T23:59:59+00:00")
    }

    @Test func formattedTimestampsParseBack() {
        for seconds in stride(from: -2_000_000_000.0, through: 4_000_000_000.0, by: 12_345_678.125) {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(RFC3339Timestamp.parse(RFC3339Timestamp.format(date)) == date)
        }
    }
}

@Suite struct CivilTimeTests {
    @Test func agreesWithFoundationsGregorianCalendarOverCenturies() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for seconds in stride(from: -5_000_000_000, through: 8_000_000_000, by: 7_777_777) {
            let time = CivilTime(secondsSinceEpoch: seconds)
            let parts = calendar.dateComponents(
                [.year, .month, .day, .hour, .minute, .second, .weekday], from: Date(timeIntervalSince1970: Double(seconds)))
            #expect(
                [time.year, time.month, time.day, time.hour, time.minute, time.second, time.weekday + 1]
                    == [parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second, parts.weekday])
            #expect(time.secondsSinceEpoch == seconds)
        }
    }

    @Test func knownDays() {
        #expect(CivilTime.daysSinceEpoch(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilTime.daysSinceEpoch(year: 2000, month: 3, day: 1) == 11_017)
        #expect(CivilTime.daysSinceEpoch(year: 1969, month: 12, day: 31) == -1)
        #expect(CivilTime(year: 1970, month: 1, day: 1).weekday == 4)
        #expect(CivilTime(year: 2024, month: 3, day: 1).weekday == 5)
        #expect(CivilTime(Date(timeIntervalSince1970: -0.5)) == CivilTime(year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 59))
    }

    @Test func monthLengths() {
        #expect(CivilTime.daysIn(month: 2, year: 2024) == 29)
        #expect(CivilTime.daysIn(month: 2, year: 1900) == 28)
        #expect(CivilTime.daysIn(month: 2, year: 2000) == 29)
        #expect(CivilTime.daysIn(month: 4, year: 2026) == 30)
        #expect(CivilTime.daysIn(month: 12, year: 2026) == 31)
        #expect(CivilTime(year: 2025, month: 2, day: 29).hasValidDate == false)
        #expect(CivilTime(year: 2025, month: 13, day: 1).hasValidDate == false)
        #expect(CivilTime(year: 2025, month: 12, day: 31).hasValidDate)
    }
}
