import Foundation
import Testing

@testable import Tracking

@Suite struct EventValidationTests {
    /// An event text, a code it must be rejected with, and a word its message must contain.
    static let rules: [(event: String, code: EventRejectionCode, field: String)] = [
        (
            #"{"type": "category_viewed", "visitor_id": "v1", "occurred_at": "2026-11-24T11:00:00Z", "category_id": 1}"#,
            .missingField, "id"
        ),
        (
            #"{"id": "", "type": "category_viewed", "visitor_id": "v1", "occurred_at": "2026-11-24T11:00:00Z", "category_id": 1}"#,
            .invalidField, "id"
        ),
        (
            #"{"id": 5, "type": "category_viewed", "visitor_id": "v1", "occurred_at": "2026-11-24T11:00:00Z", "category_id": 1}"#,
            .invalidField, "id"
        ),
        (
            "{\"id\": \"\(String(repeating: "x", count: 65))\", \"type\": \"category_viewed\", \"visitor_id\": \"v1\", \"occurred_at\": \"2026-11-24T11:00:00Z\", \"category_id\": 1}",
            .invalidField, "id"
        ),
        (#"{"id": "e1", "visitor_id": "v1", "occurred_at": "2026-11-24T11:00:00Z"}"#, .missingField, "type"),
        (#"{"id": "e1", "type": 3, "visitor_id": "v1", "occurred_at": "2026-11-24T11:00:00Z"}"#, .invalidField, "type"),
        (
            #"{"id": "e1", "type": "page_viewed", "visitor_id": "v1", "occurred_at": "2026-11-24T11:00:00Z"}"#,
            .unknownType, "type"
        ),
        (
            #"{"id": "e1", "type": "category_viewed", "occurred_at": "2026-11-24T11:00:00Z", "category_id": 1}"#,
            .missingField, "visitor_id"
        ),
        (
            #"{"id": "e1", "type": "category_viewed", "visitor_id": "v-1", "occurred_at": "2026-11-24T11:00:00Z", "category_id": 1}"#,
            .invalidVisitorID, "visitor_id"
        ),
        (
            #"{"id": "e1", "type": "category_viewed", "visitor_id": "abcdefghijklmnopqrstuvwxyz0123456", "occurred_at": "2026-11-24T11:00:00Z", "category_id": 1}"#,
            .invalidVisitorID, "visitor_id"
        ),
        (
            #"{"id": "e1", "type": "category_viewed", "visitor_id": "v1", "category_id": 1}"#, .missingField,
            "occurred_at"
        ),
        (
            #"{"id": "e1", "type": "category_viewed", "visitor_id": "v1", "occurred_at": "2026-11-24T11:00:00", "category_id": 1}"#,
            .invalidTimestamp, "occurred_at"
        ),
        (
            #"{"id": "e1", "type": "category_viewed", "visitor_id": "v1", "occurred_at": "2026-02-30T11:00:00Z", "category_id": 1}"#,
            .invalidTimestamp, "occurred_at"
        ),
        (
            #"{"id": "e1", "type": "category_viewed", "visitor_id": "v1", "occurred_at": 1795521600, "category_id": 1}"#,
            .invalidTimestamp, "occurred_at"
        ),
        (
            #"{"id": "e1", "type": "category_viewed", "visitor_id": "v1", "occurred_at": "2026-11-25T12:00:01Z", "category_id": 1}"#,
            .invalidTimestamp, "future"
        ),
        (
            #"{"id": "e1", "type": "category_viewed", "visitor_id": "v1", "occurred_at": "2026-10-25T11:59:59Z", "category_id": 1}"#,
            .invalidTimestamp, "past"
        ),
        (
            eventJSON(type: "category_viewed", fields: #""category_id": 1, "storefront": """#), .invalidField,
            "storefront"
        ),
        (
            eventJSON(type: "category_viewed", fields: #""category_id": 1, "customer_token": 12"#), .invalidField,
            "customer_token"
        ),
        (eventJSON(type: "category_viewed", fields: #""category_id": null"#), .missingField, "category_id"),
        (eventJSON(type: "category_viewed", fields: #""category_id": 0"#), .invalidField, "category_id"),
        (eventJSON(type: "product_viewed", fields: #""product_id": 1.5"#), .invalidField, "product_id"),
        (eventJSON(type: "product_viewed", fields: #""product_id": -3"#), .invalidField, "product_id"),
        (
            eventJSON(type: "product_viewed", fields: #""product_id": 1, "variant_id": "x""#), .invalidField,
            "variant_id"
        ),
        (eventJSON(type: "search_performed", fields: #""query": "   ""#), .invalidField, "query"),
        (eventJSON(type: "search_performed", fields: #""q": "terrarium""#), .missingField, "query"),
        (eventJSON(type: "product_clicked", fields: #""product_id": 1"#), .missingField, "source"),
        (
            eventJSON(type: "product_clicked", fields: #""product_id": 1, "source": {"position": 0}"#), .missingField,
            "source.api"
        ),
        (
            eventJSON(
                type: "product_clicked", fields: #""product_id": 1, "source": {"api": "search/search", "position": -1}"#
            ), .invalidField, "source.position"
        ),
        (
            eventJSON(
                type: "product_clicked",
                fields: #""product_id": 1, "source": {"api": "search/search", "position": 0, "labels": [1]}"#),
            .invalidField, "source.labels"
        ),
        (eventJSON(type: "cart_item_added", fields: #""product_id": 1"#), .missingField, "quantity"),
        (eventJSON(type: "cart_item_added", fields: #""product_id": 1, "quantity": 0"#), .invalidQuantity, "quantity"),
        (
            eventJSON(type: "cart_item_removed", fields: #""product_id": 1, "quantity": 2.5"#), .invalidQuantity,
            "quantity"
        ),
        (
            eventJSON(type: "cart_item_added", fields: #""product_id": 1, "quantity": 1000001"#), .invalidQuantity,
            "quantity"
        ),
        (
            eventJSON(type: "cart_item_added", fields: #""product_id": 1, "quantity": 1, "cart_id": 17"#),
            .invalidField, "cart_id"
        ),
        (eventJSON(type: "cart_updated", fields: #""cart_id": "c1""#), .missingField, "items"),
        (eventJSON(type: "cart_updated", fields: #""items": {"product_id": 1}"#), .invalidField, "items"),
        (eventJSON(type: "cart_updated", fields: #""items": [5]"#), .invalidField, "items[0]"),
        (
            eventJSON(
                type: "checkout_started",
                fields: #""items": [{"product_id": 1, "quantity": 1}, {"product_id": 2, "quantity": -1}]"#),
            .invalidQuantity, "items[1].quantity"
        ),
        (
            eventJSON(type: "order_purchased", fields: #""items": [{"product_id": 1, "quantity": 1, "price": 1}]"#),
            .missingField, "order_id"
        ),
        (eventJSON(type: "order_purchased", fields: #""order_id": 5, "items": []"#), .invalidField, "items"),
        (
            eventJSON(type: "order_purchased", fields: #""order_id": 5, "items": [{"product_id": 1, "quantity": 1}]"#),
            .missingField, "items[0].price"
        ),
        (
            eventJSON(
                type: "order_purchased",
                fields: #""order_id": 5, "items": [{"product_id": 1, "quantity": 1, "price": -1}]"#), .invalidField,
            "items[0].price"
        ),
        (
            eventJSON(
                type: "order_purchased",
                fields: #""order_id": 5, "items": [{"product_id": 1, "quantity": 1, "price": 1e3}]"#), .invalidField,
            "items[0].price"
        ),
        (
            eventJSON(
                type: "order_purchased",
                fields: #""order_id": 5, "items": [{"product_id": 1, "quantity": 1, "price": "12,50"}]"#),
            .invalidField, "items[0].price"
        ),
        (eventJSON(type: "email_identified", fields: #""name": "Jane""#), .missingField, "email"),
        (eventJSON(type: "email_identified", fields: #""email": "jane.example.com""#), .invalidEmail, "email"),
        (eventJSON(type: "email_identified", fields: #""email": "jane@localhost""#), .invalidEmail, "email"),
        (eventJSON(type: "email_identified", fields: #""email": "jane doe@example.com""#), .invalidEmail, "email"),
        (eventJSON(type: "email_identified", fields: #""email": "a@b@example.com""#), .invalidEmail, "email"),
        ("5", .invalidField, "object"),
    ]

    @Test("each rule rejects with its code and a message naming the field", arguments: 0..<rules.count)
    func rule(ruleIndex: Int) throws {
        let (event, code, field) = Self.rules[ruleIndex]
        let rejected = try rejection(event)
        #expect(rejected.code == code)
        #expect(rejected.message.contains(field), "\(rejected.message)")
        #expect(rejected.index == 0)
    }

    @Test func tooManyItems() throws {
        let line = #"{"product_id": 1, "quantity": 1}"#
        let atLimit = Array(repeating: line, count: 250).joined(separator: ",")
        _ = try accepted(eventJSON(type: "cart_updated", fields: "\"items\": [\(atLimit)]"))
        let rejected = try rejection(eventJSON(type: "cart_updated", fields: "\"items\": [\(atLimit),\(line)]"))
        #expect(rejected.code == .tooManyItems)
        #expect(rejected.message.contains("items"))
    }

    @Test func unknownTypeMessageTruncatesLongValues() throws {
        let long = String(repeating: "t", count: 500)
        let rejected = try rejection(eventJSON(type: long, fields: #""x": 1"#))
        #expect(rejected.code == .unknownType)
        #expect(!rejected.message.contains(String(repeating: "t", count: 65)))
        #expect(rejected.message.contains(String(repeating: "t", count: 64)))
    }

    @Test func unknownTypeMessageDropsControlCharacters() throws {
        let rejected = try rejection(eventJSON(type: #"bad\nline\u0000"#, fields: #""x": 1"#))
        #expect(rejected.code == .unknownType)
        #expect(rejected.message.contains("badline"))
        #expect(!rejected.message.unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test func messagesNeverEchoFieldValues() throws {
        let secretish = "jane.doe.very.private.address.example"
        let rejected = try rejection(eventJSON(type: "email_identified", fields: "\"email\": \"\(secretish)\""))
        #expect(!rejected.message.contains(secretish))
    }

    @Test func timeWindowEdgesAreInclusive() throws {
        _ = try accepted(
            #"{"id": "e1", "type": "category_viewed", "visitor_id": "v1", "occurred_at": "2026-11-25T12:00:00Z", "category_id": 1}"#
        )
        _ = try accepted(
            #"{"id": "e1", "type": "category_viewed", "visitor_id": "v1", "occurred_at": "2026-10-25T12:00:00Z", "category_id": 1}"#
        )
    }

    @Test func nullOptionalFieldsCountAsAbsentAndUnknownFieldsAreIgnored() throws {
        let event = try accepted(
            eventJSON(
                type: "product_viewed",
                fields: #""product_id": 3, "variant_id": null, "storefront": null, "referrer": "https://example.com/""#)
        )
        #expect(event.kind == .productViewed(productID: 3, variantID: nil))
        #expect(event.storefront == nil)
    }

    @Test func rejectionKeepsAReadableIDOnly() throws {
        #expect(try rejection(eventJSON(id: "keep-me", type: "nope", fields: #""x": 1"#)).id == "keep-me")
        #expect(try rejection(#"{"id": 7, "type": "nope"}"#).id == nil)
    }
}
