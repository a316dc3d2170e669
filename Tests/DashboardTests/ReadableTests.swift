@testable import Dashboard
import Foundation
import Testing

@Suite("readable figures")
struct ReadableTests {
    @Test func countsSpansAndDurations() {
        #expect(Readable.count(0) == "0")
        #expect(Readable.count(1_234_567) == "1,234,567")
        #expect(Readable.span(42) == "42 s")
        #expect(Readable.span(3 * 60 + 5) == "3 min")
        #expect(Readable.span(2 * 3_600 + 5 * 60) == "2 h 5 min")
        #expect(Readable.span(3 * 86_400 + 4 * 3_600) == "3 d 4 h")
        #expect(Readable.duration(0.25) == "250 ms")
        #expect(Readable.duration(12.44) == "12.4 s")
        #expect(Readable.duration(200) == "3 min 20 s")
        let now = Date(timeIntervalSince1970: 1_000)
        #expect(Readable.relative(now.addingTimeInterval(-90), now: now) == "1 min ago")
        #expect(Readable.relative(now.addingTimeInterval(30), now: now) == "in 30 s")
        #expect(Readable.clock(Date(timeIntervalSince1970: 1_700_000_000)) == "2023-11-14 22:13:20 UTC")
    }

    @Test func indentingKeepsEveryTokenAsSent() {
        let sent = #"{"price":12.50,"name":"a, \"b\": {c}","tags":[],"n":[1,2]}"#
        #expect(JSONIndenter.indent(sent) == """
            {
              "price": 12.50,
              "name": "a, \\"b\\": {c}",
              "tags": [],
              "n": [
                1,
                2
              ]
            }
            """)
        #expect(JSONIndenter.indent("POST /products?private_key=***") == "POST /products?private_key=***")
        #expect(JSONIndenter.indent(#"{"unbalanced": ["#) == #"{"unbalanced": ["#)
    }

    @Test func chartScaleIsRound() {
        #expect(ThroughputChart.niceCeiling(4) == 4)
        #expect(ThroughputChart.niceCeiling(7) == 10)
        #expect(ThroughputChart.niceCeiling(13) == 20)
        #expect(ThroughputChart.niceCeiling(380) == 400)
        #expect(ThroughputChart.niceCeiling(4_100) == 5_000)
    }
}
