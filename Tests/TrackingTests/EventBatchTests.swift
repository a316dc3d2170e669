import Foundation
import Testing

@testable import Tracking

@Suite struct EventBatchTests {
    @Test func mixedBatchKeepsValidEventsWithTheirIndexes() throws {
        let batch = try parseBatch([
            eventJSON(id: "a", type: "category_viewed", fields: #""category_id": 1"#),
            eventJSON(id: "b", type: "category_viewed", fields: #""category_id": "x""#),
            #"["not", "an", "object"]"#,
            eventJSON(id: "c", type: "product_viewed", fields: #""product_id": 9"#),
            eventJSON(id: "a", type: "product_viewed", fields: #""product_id": 9"#),
            eventJSON(id: "d", type: "made_up", fields: #""product_id": 9"#),
        ])
        #expect(batch.entries.count == 6)
        #expect(batch.accepted.map(\.index) == [0, 3])
        #expect(batch.accepted.map(\.event.id) == ["a", "c"])
        let rejections = batch.rejections
        #expect(rejections.map(\.index) == [1, 2, 4, 5])
        #expect(rejections.map(\.code) == [.invalidField, .invalidField, .duplicateID, .unknownType])
        #expect(rejections.map(\.id) == ["b", nil, "a", "d"])
    }

    @Test func laterDuplicateIsRejectedEvenWhenTheFirstWasInvalid() throws {
        let batch = try parseBatch([
            eventJSON(id: "same", type: "category_viewed", fields: #""category_id": 0"#),
            eventJSON(id: "same", type: "category_viewed", fields: #""category_id": 1"#),
        ])
        #expect(batch.rejections.map(\.code) == [.invalidField, .duplicateID])
    }

    @Test func emptyBatchIsValid() throws {
        #expect(try parseBatch([]).entries.isEmpty)
    }

    @Test(arguments: [
        ("{\"events\": [", "JSON"),
        ("", "JSON"),
        ("[{\"id\": \"a\"}]", "object"),
        ("\"events\"", "object"),
        ("{}", "events"),
        ("{\"events\": {\"id\": \"a\"}}", "events"),
        ("{\"events\": null}", "events"),
    ])
    func invalidBatch(body: String, word: String) {
        let error = #expect(throws: EventBatchError.self) { try EventBatch.parse(Array(body.utf8), now: testNow) }
        guard case .invalidBatch(let message) = error else {
            Issue.record("expected invalidBatch, got \(String(describing: error))")
            return
        }
        #expect(error?.httpStatus == 400)
        #expect(error?.code == "invalid_batch")
        #expect(message.contains(word), "\(message)")
    }

    @Test func fiveHundredEventsAreAcceptedAndFiveHundredOneAreTooMany() throws {
        let events = (0..<501).map { eventJSON(id: "e\($0)", type: "category_viewed", fields: #""category_id": 1"#) }
        #expect(try parseBatch(Array(events.prefix(500))).accepted.count == 500)
        let error = #expect(throws: EventBatchError.tooLarge("the batch holds more than 500 events")) {
            try parseBatch(events)
        }
        #expect(error?.httpStatus == 413)
        #expect(error?.code == "batch_too_large")
    }

    @Test func bodyOverTheByteLimitIsTooLarge() throws {
        let padding = String(repeating: " ", count: 513 * 1024)
        let body = Array("{\"events\": []\(padding)}".utf8)
        #expect(throws: EventBatchError.tooLarge("the body is larger than 524288 bytes")) {
            try EventBatch.parse(body, now: testNow)
        }
        let justFits = Array(("{\"events\": []" + String(repeating: " ", count: 512 * 1024 - 14) + "}").utf8)
        #expect(justFits.count == 512 * 1024)
        #expect(try EventBatch.parse(justFits, now: testNow).entries.isEmpty)
    }

    @Test func deepNestingIsRefusedWithoutCrashing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: EventBatchError.self) {
            try EventBatch.parse(Array("{\"events\": [\(deep)]}".utf8), now: testNow)
        }
    }
}

@Suite struct EventAnswerTests {
    @Test func answerListsRejectionsAndOmitsUnreadableIDs() throws {
        let batch = try parseBatch([
            eventJSON(id: "a", type: "category_viewed", fields: #""category_id": 1"#),
            #"{"id": 42, "type": "category_viewed"}"#,
            eventJSON(id: "c", type: "email_identified", fields: #""email": "nope""#),
        ])
        let text = String(decoding: EventAnswer(batch: batch).json(), as: UTF8.self)
        #expect(
            text
                == #"{"accepted":1,"rejected":[{"error":{"code":"invalid_field","message":"id must be a string of 1 to 64 characters without control characters"},"index":1},{"error":{"code":"invalid_email","message":"email is not a valid email address"},"id":"c","index":2}]}"#
        )
        #expect(!text.contains("null"))
    }

    @Test func acceptedCountCanBeGiven() throws {
        let batch = try parseBatch([eventJSON(type: "category_viewed", fields: #""category_id": 1"#)])
        #expect(
            String(decoding: EventAnswer(batch: batch, accepted: 0).json(), as: UTF8.self)
                == #"{"accepted":0,"rejected":[]}"#)
    }
}
