import Foundation
import Testing

@testable import BigCommerceAPI

@Suite("Dates")
struct DateParsingTests {
    @Test func iso8601WithOffset() {
        #expect(BigCommerceDate.iso8601("2018-08-24T14:41:00+00:00") == Date(timeIntervalSince1970: 1_535_121_660))
        #expect(BigCommerceDate.iso8601("2018-08-24T16:41:00+02:00") == Date(timeIntervalSince1970: 1_535_121_660))
        #expect(BigCommerceDate.iso8601("2018-08-24T09:41:00-0500") == Date(timeIntervalSince1970: 1_535_121_660))
        #expect(BigCommerceDate.iso8601("2018-08-24T14:41:00Z") == Date(timeIntervalSince1970: 1_535_121_660))
        #expect(BigCommerceDate.iso8601("2018-08-24T14:41:00.500Z") == Date(timeIntervalSince1970: 1_535_121_660.5))
        #expect(BigCommerceDate.iso8601("2024-02-29T00:00:00+00:00") == Date(timeIntervalSince1970: 1_709_164_800))
        #expect(BigCommerceDate.iso8601("not a date") == nil)
        #expect(BigCommerceDate.iso8601("2018-13-24T14:41:00Z") == nil)
    }

    @Test func rfc2822() {
        #expect(BigCommerceDate.rfc2822("Tue, 14 Jan 2025 09:02:11 +0000") == Date(timeIntervalSince1970: 1_736_845_331))
        #expect(BigCommerceDate.rfc2822("Tue, 14 Jan 2025 10:02:11 +0100") == Date(timeIntervalSince1970: 1_736_845_331))
        #expect(BigCommerceDate.rfc2822("14 Jan 2025 09:02:11 GMT") == Date(timeIntervalSince1970: 1_736_845_331))
        #expect(BigCommerceDate.rfc2822("Tue, 14 Foo 2025 09:02:11 +0000") == nil)
        #expect(BigCommerceDate.parse("Tue, 14 Jan 2025 09:02:11 +0000") == Date(timeIntervalSince1970: 1_736_845_331))
    }

    @Test func channelWithRFC2822Dates() throws {
        let json = #"{"id": 1, "name": "Main", "type": "storefront", "platform": "bigcommerce", "status": "active", "date_created": "Tue, 14 Jan 2025 09:02:11 +0000", "date_modified": "2025-01-14T09:02:11+00:00"}"#
        let channel = try JSONDecoder().decode(Channel.self, from: Data(json.utf8))
        #expect(channel.dateCreated == channel.dateModified)
    }
}
