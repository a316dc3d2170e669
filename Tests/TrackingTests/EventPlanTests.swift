import ClerkAPI
import Foundation
import Testing

@testable import Tracking

/// Each event type becomes the Clerk calls the table on `EventPlan` lists, with parent product ids.
@Suite struct EventPlanTests {
    func plan(_ type: String, _ fields: String) throws -> EventPlan {
        EventPlan(for: try accepted(eventJSON(type: type, fields: fields)), searchLabels: ["Storefront search"])
    }

    @Test func everyTypeMapsToItsClerkCall() throws {
        #expect(try plan("product_viewed", #""product_id": 112, "variant_id": 901"#).signals == [.productView(productID: 112)])
        #expect(try plan("category_viewed", #""category_id": 23"#).signals == [.categoryView(categoryID: 23)])
        #expect(try plan("search_performed", #""query": "red shoes""#).signals
            == [.search(query: "red shoes", labels: ["Storefront search"])])
        #expect(try plan("product_clicked", #""product_id": 7, "source": {"api": "recommendations/popular", "position": 2, "labels": ["Home"]}"#).signals
            == [.click(productID: 7, api: "recommendations/popular", position: 2, labels: ["Home"])])
        let added = try plan("cart_item_added", #""product_id": 112, "variant_id": 901, "quantity": 2, "cart_id": "c-1""#)
        #expect(added.signals == [.cart(.add, lines: [CartLine(productID: 112, quantity: 2)], basketID: "c-1")])
        #expect(added.cartID == "c-1")
        #expect(try plan("cart_item_removed", #""product_id": 112, "quantity": 1"#).signals
            == [.cart(.remove, lines: [CartLine(productID: 112, quantity: 1)], basketID: nil)])
        let purchased = try plan("order_purchased", #""order_id": 250, "items": [{"product_id": 1, "quantity": 1, "price": "9.50"}]"#)
        #expect(purchased.signals == [.cart(.update, lines: [], basketID: nil)])
        #expect(purchased.purchasedOrderID == 250)
        #expect(try plan("email_identified", #""email": "ann@example.com""#).signals == [.emailLink(email: "ann@example.com")])
        #expect(try plan("checkout_started", #""cart_id": "c-2", "items": []"#).signals.isEmpty)
        #expect(try plan("checkout_started", #""cart_id": "c-2", "items": []"#).cartID == "c-2")
    }

    @Test func variantsOfOneProductMergeIntoItsParentLine() throws {
        let updated = try plan(
            "cart_updated",
            #""cart_id": "c-9", "items": [{"product_id": 5, "variant_id": 50, "quantity": 1}, {"product_id": 6, "quantity": 3}, {"product_id": 5, "variant_id": 51, "quantity": 2}]"#)
        #expect(updated.signals == [
            .cart(.update, lines: [CartLine(productID: 5, quantity: 3), CartLine(productID: 6, quantity: 3)], basketID: "c-9")
        ])
    }
}
