import Foundation
import Testing

@testable import BigCommerceAPI

@Suite("Webhook payloads")
struct WebhookPayloadTests {
    func payload(_ json: String) throws -> WebhookPayload {
        try WebhookPayload.decode(Array(json.utf8))
    }

    func failure(_ json: String) -> WebhookPayloadError? {
        do {
            _ = try WebhookPayload.decode(Array(json.utf8))
            return nil
        } catch {
            return error
        }
    }

    /// The example of reference §5.2.
    @Test func productUpdatedFromReferenceExample() throws {
        let payload = try payload(
            """
            { "scope": "store/product/updated", "store_id": "1025646",
              "data": { "type": "product", "id": 112,
                        "properties": ["name"], "context": { "channel_id": 2, "locale": "fr" } },
              "hash": "4f1c0e2a9b", "created_at": 1736928764, "producer": "stores/abc123" }
            """)
        #expect(payload.scope == "store/product/updated")
        #expect(payload.storeID == "1025646")
        #expect(payload.hash == "4f1c0e2a9b")
        #expect(payload.createdAt == 1_736_928_764)
        #expect(payload.producer == "stores/abc123")
        let data = try #require(payload.data.first)
        #expect(payload.data.count == 1)
        #expect(data.type == "product")
        #expect(data.id == "112")
        #expect(data.intID == 112)
        #expect(data.properties == ["name"])
        #expect(data.context == WebhookData.Context(channelID: 2, locale: "fr"))
    }

    @Test func numericStoreIDAndStringID() throws {
        let payload = try payload(
            #"{"scope":"store/product/deleted","store_id":1025646,"data":{"type":"product","id":"112"}}"#)
        #expect(payload.storeID == "1025646")
        #expect(payload.data.first?.id == "112")
        #expect(payload.data.first?.intID == 112)
        #expect(payload.hash == nil)
        #expect(payload.createdAt == nil)
    }

    @Test func productInventory() throws {
        let payload = try payload(
            #"{"scope":"store/product/inventory/updated","store_id":"1","data":{"type":"product","id":5,"inventory":{"product_id":5,"method":"absolute","value":0}}}"#
        )
        #expect(payload.data.first?.inventory == WebhookData.Inventory(productID: 5, method: "absolute", value: 0))
    }

    @Test func skuEventsAndSkuInventory() throws {
        let sku = try payload(
            #"{"scope":"store/sku/updated","store_id":"1","data":{"type":"sku","id":301,"sku":{"product_id":5,"variant_id":"77"}}}"#
        )
        #expect(sku.data.first?.type == "sku")
        #expect(sku.data.first?.sku == WebhookData.SKU(productID: 5, variantID: 77))
        let inventory = try payload(
            #"{"scope":"store/sku/inventory/order/updated","store_id":"1","data":{"type":"sku","id":301,"inventory":{"product_id":5,"variant_id":77,"method":"relative","value":-2}}}"#
        )
        #expect(
            inventory.data.first?.inventory
                == WebhookData.Inventory(productID: 5, variantID: 77, method: "relative", value: -2))
    }

    @Test func categoryAndStoreInformation() throws {
        #expect(
            try payload(#"{"scope":"store/category/created","store_id":"1","data":{"type":"category","id":19}}"#).data
                .first?.intID == 19)
        let store = try payload(#"{"scope":"store/information/updated","store_id":"1","data":{"type":"store"}}"#)
        #expect(store.data.first?.type == "store")
        #expect(store.data.first?.id == nil)
        #expect(store.data.first?.intID == nil)
    }

    @Test func orderStatusAndTransaction() throws {
        let status = try payload(
            #"{"scope":"store/order/statusUpdated","store_id":"1","data":{"type":"order","id":250,"status":{"previous_status_id":0,"new_status_id":11}}}"#
        )
        #expect(status.data.first?.status == WebhookData.StatusChange(previousStatusID: 0, newStatusID: 11))
        let transaction = try payload(
            #"{"scope":"store/order/transaction/created","store_id":"1","data":{"type":"transaction","order_id":"250","transaction_id":9}}"#
        )
        #expect(transaction.data.first?.orderID == "250")
    }

    @Test func cartShapes() throws {
        let converted = try payload(
            #"{"scope":"store/cart/converted","store_id":"1","data":{"type":"cart","id":"09346904-4175-44fd-be53-f7e598531b6c","orderId":252}}"#
        )
        let data = try #require(converted.data.first)
        #expect(data.id == "09346904-4175-44fd-be53-f7e598531b6c")
        #expect(data.intID == nil)
        #expect(data.orderID == "252")
        let lineItem = try payload(
            #"{"scope":"store/cart/lineItem/created","store_id":"1","data":{"type":"cart_line_item","id":"aa","cartId":"bb"}}"#
        )
        #expect(lineItem.data.first?.cartID == "bb")
        let channelCart = try payload(
            #"{"scope":"store/channel/1/cart/created","store_id":"1","data":{"cart_id":"cc"}}"#)
        #expect(channelCart.data.first?.cartID == "cc")
    }

    @Test func channelAssignmentAndCategoryTree() throws {
        let assigned = try payload(
            #"{"scope":"store/channel/2/product/assigned","store_id":"1","data":{"product_id":127}}"#)
        #expect(assigned.data.first?.productID == 127)
        #expect(assigned.data.first?.type == nil)
        let tree = try payload(
            #"{"scope":"store/channel/2/categoryTree/updated","store_id":"1","data":{"tree_id":"3"}}"#)
        #expect(tree.data.first?.treeID == 3)
    }

    @Test func priceListRecordSingleAndBatch() throws {
        let single = try payload(
            #"{"scope":"store/priceList/record/updated","store_id":"1","data":{"price_list_id":4,"variant_id":77,"currency":"eur"}}"#
        )
        #expect(single.data == [WebhookData(priceListID: 4, variantID: 77, currency: "eur")])
        let batch = try payload(
            #"{"scope":"store/priceList/records/updated","store_id":"1","data":[{"price_list_id":4,"variant_id":77,"currency":"eur"},{"price_list_id":"4","variant_id":"78","currency":"usd"}]}"#
        )
        #expect(batch.data.map(\.variantID) == [77, 78])
        #expect(batch.data.map(\.currency) == ["eur", "usd"])
        #expect(batch.data.allSatisfy { $0.priceListID == 4 })
    }

    @Test func priceListAssignment() throws {
        let payload = try payload(
            #"{"scope":"store/priceList/assignment/updated","store_id":"1","data":{"price_list_id":2,"channel_id":1,"customer_group_id":3}}"#
        )
        #expect(payload.data == [WebhookData(priceListID: 2, channelID: 1, customerGroupID: 3)])
    }

    @Test func unknownFieldsAndOddKindsAreIgnored() throws {
        let payload = try payload(
            #"{"scope":"store/product/updated","store_id":"1","extra":{"a":[1]},"created_at":"1736928764","data":{"type":"product","id":1.0,"product_id":"not a number","properties":"name","context":7,"new":true}}"#
        )
        let data = try #require(payload.data.first)
        #expect(payload.createdAt == 1_736_928_764)
        #expect(data.productID == nil)
        #expect(data.properties.isEmpty)
        #expect(data.context == nil)
    }

    @Test func absentOrNullDataIsEmpty() throws {
        #expect(try payload(#"{"scope":"store/information/updated"}"#).data.isEmpty)
        #expect(try payload(#"{"scope":"store/information/updated","data":null}"#).data.isEmpty)
        #expect(try payload(#"{"scope":"store/information/updated"}"#).storeID == "")
    }

    @Test func malformedBodiesSayWhatIsWrong() {
        #expect(failure("") == .emptyBody)
        #expect(failure("  \n") == .emptyBody)
        #expect(failure("not json {") == .notJSON)
        #expect(failure(#"{"scope": "store/product/updated""#) == .notJSON)
        #expect(failure("[1, 2]") == .notAnObject)
        #expect(failure(#""store/product/updated""#) == .notAnObject)
        #expect(failure(#"{"store_id":"1","data":{"id":1}}"#) == .missingScope)
        #expect(failure(#"{"scope":42}"#) == .invalidScope)
        #expect(failure(#"{"scope":""}"#) == .invalidScope)
        #expect(failure(#"{"scope":null}"#) == .invalidScope)
        guard case .invalidField(let context) = failure(#"{"scope":"store/product/updated","data":5}"#) else {
            Issue.record("data holding a number must be rejected")
            return
        }
        #expect(context.contains("data"))
        #expect(WebhookPayloadError.missingScope.description.contains("scope"))
        #expect(WebhookPayloadError.notJSON.description == "webhook body is not valid JSON")
    }
}
