import Foundation
import Testing

@testable import Tracking

@Suite struct TrackedEventTests {
    static let occurredAt = Date(timeIntervalSince1970: 1_795_521_570.25)

    /// One realistic wire event per type, with the model it must decode to.
    static let cases: [(json: String, kind: TrackedEventKind)] = [
        (
            eventJSON(type: "product_viewed", fields: #""product_id": 112, "variant_id": 77"#),
            .productViewed(productID: 112, variantID: 77)
        ),
        (
            eventJSON(type: "product_viewed", fields: #""product_id": "112""#),
            .productViewed(productID: 112, variantID: nil)
        ),
        (eventJSON(type: "category_viewed", fields: #""category_id": 23"#), .categoryViewed(categoryID: 23)),
        (
            eventJSON(type: "search_performed", fields: #""query": "terrarium \"large\" / glass""#),
            .searchPerformed(query: "terrarium \"large\" / glass")
        ),
        (
            eventJSON(
                type: "product_clicked",
                fields:
                    #""product_id": 112, "source": {"api": "recommendations/visitor/history", "position": 0, "labels": ["Home - Visitor", "home"]}"#
            ),
            .productClicked(
                productID: 112,
                source: ClickSource(
                    api: "recommendations/visitor/history", position: 0, labels: ["Home - Visitor", "home"]))
        ),
        (
            eventJSON(
                type: "cart_item_added",
                fields:
                    #""product_id": 112, "variant_id": 77, "quantity": 2, "cart_id": "a1b2c3d4-e5f6-4a5b-8c7d-9e0f1a2b3c4d""#
            ),
            .cartItemAdded(
                CartLine(productID: 112, variantID: 77, quantity: 2), cartID: "a1b2c3d4-e5f6-4a5b-8c7d-9e0f1a2b3c4d")
        ),
        (
            eventJSON(type: "cart_item_removed", fields: #""product_id": 112, "quantity": 1"#),
            .cartItemRemoved(CartLine(productID: 112, quantity: 1), cartID: nil)
        ),
        (
            eventJSON(
                type: "cart_updated",
                fields:
                    #""cart_id": "c-1", "items": [{"product_id": 112, "variant_id": 77, "quantity": 2}, {"product_id": 80, "quantity": 1}]"#
            ),
            .cartUpdated(
                items: [CartLine(productID: 112, variantID: 77, quantity: 2), CartLine(productID: 80, quantity: 1)],
                cartID: "c-1")
        ),
        (eventJSON(type: "cart_updated", fields: #""items": []"#), .cartUpdated(items: [], cartID: nil)),
        (
            eventJSON(type: "checkout_started", fields: #""items": [{"product_id": 112, "quantity": 3}]"#),
            .checkoutStarted(items: [CartLine(productID: 112, quantity: 3)], cartID: nil)
        ),
        (
            eventJSON(
                type: "order_purchased",
                fields:
                    #""order_id": 1042, "items": [{"product_id": 112, "variant_id": 77, "quantity": 2, "price": 109.99}, {"product_id": 80, "quantity": 1, "price": "0.10"}]"#
            ),
            .orderPurchased(
                orderID: 1042,
                items: [
                    OrderLine(productID: 112, variantID: 77, quantity: 2, price: Decimal(string: "109.99")!),
                    OrderLine(productID: 80, quantity: 1, price: Decimal(string: "0.1")!),
                ])
        ),
        (
            eventJSON(type: "email_identified", fields: #""email": "jane.doe+shop@example.co.uk""#),
            .emailIdentified(email: "jane.doe+shop@example.co.uk")
        ),
    ]

    @Test("every event type decodes to its typed kind", arguments: 0..<cases.count)
    func decodes(caseIndex: Int) throws {
        let (json, kind) = Self.cases[caseIndex]
        let event = try accepted(json)
        #expect(event.kind == kind)
        #expect(event.id == "e1")
        #expect(event.visitorID == "v8f3k2")
        #expect(event.occurredAt == Self.occurredAt)
        #expect(event.storefront == nil)
        #expect(event.customerToken == nil)
    }

    @Test("every event type round-trips through its canonical JSON", arguments: 0..<cases.count)
    func roundTrips(caseIndex: Int) throws {
        let event = try accepted(Self.cases[caseIndex].json)
        let canonical = event.canonicalJSON()
        #expect(try TrackedEvent(canonicalJSON: canonical) == event)
        #expect(try TrackedEvent(canonicalJSON: canonical).canonicalJSON() == canonical)
    }

    @Test func optionalCommonFieldsRoundTrip() throws {
        let event = try accepted(
            #"{"id": "e9", "type": "category_viewed", "storefront": "eu", "visitor_id": "ABC123", "occurred_at": "2026-11-24T13:00:00+02:00", "customer_token": "x.y.z", "category_id": 5, "extra": {"ignored": true}}"#
        )
        #expect(event.storefront == "eu")
        #expect(event.customerToken == "x.y.z")
        #expect(event.occurredAt == Date(timeIntervalSince1970: 1_795_521_600 - 3600))
        #expect(try TrackedEvent(canonicalJSON: event.canonicalJSON()) == event)
    }

    @Test func canonicalFormIsSnakeCaseUTCAndExactPrices() throws {
        let event = TrackedEvent(
            id: "o1", visitorID: "v1", occurredAt: Self.occurredAt,
            kind: .orderPurchased(
                orderID: 7,
                items: [OrderLine(productID: 1, quantity: 1, price: Decimal(string: "12345678901234567.89")!)]))
        let text = String(decoding: event.canonicalJSON(), as: UTF8.self)
        #expect(
            text
                == #"{"id":"o1","items":[{"price":12345678901234567.89,"product_id":1,"quantity":1}],"occurred_at":"2026-11-24T11:59:30.250Z","order_id":7,"type":"order_purchased","visitor_id":"v1"}"#
        )
        #expect(try TrackedEvent(canonicalJSON: event.canonicalJSON()) == event)
    }

    @Test func priceDecodesWithoutDoubleRounding() throws {
        let event = try accepted(
            eventJSON(
                type: "order_purchased",
                fields:
                    #""order_id": 1, "items": [{"product_id": 1, "quantity": 1, "price": 0.1}, {"product_id": 2, "quantity": 1, "price": "98765432109876543.21"}]"#
            ))
        guard case .orderPurchased(_, let items) = event.kind else { throw TestFailure() }
        #expect(items[0].price == Decimal(string: "0.1")!)
        #expect(items[1].price == Decimal(string: "98765432109876543.21")!)
        #expect(items[1].price.description == "98765432109876543.21")
    }

    @Test func canonicalReadSkipsTheTimeWindow() throws {
        let old = TrackedEvent(
            id: "old", visitorID: "v1", occurredAt: Date(timeIntervalSince1970: 0), kind: .categoryViewed(categoryID: 1)
        )
        #expect(try TrackedEvent(canonicalJSON: old.canonicalJSON()) == old)
    }
}
