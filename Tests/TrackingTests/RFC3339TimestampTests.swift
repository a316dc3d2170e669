import Foundation
import Testing

@testable import Tracking

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
}
