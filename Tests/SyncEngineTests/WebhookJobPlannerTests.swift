import BigCommerceAPI
import SyncEngine
import SyncStore
import Testing

/// Which jobs each kind of delivery queues.
struct WebhookJobPlannerTests {
    func jobs(_ scope: String, _ data: String) throws -> [JobKey] {
        let payload = try WebhookPayload.decode(Array(#"{"scope":"\#(scope)","store_id":1,"data":\#(data)}"#.utf8))
        return try WebhookJobPlanner.jobs(for: payload).map(\.0)
    }

    @Test(arguments: [
        ("store/product/updated", #"{"type":"product","id":"12"}"#),
        ("store/product/deleted", #"{"type":"product","id":12}"#),
        ("store/product/inventory/order/updated", #"{"type":"product","id":12,"inventory":{"product_id":12}}"#),
        ("store/sku/updated", #"{"type":"sku","id":99,"sku":{"product_id":12,"variant_id":77}}"#),
        ("store/sku/inventory/updated", #"{"type":"sku","id":99,"inventory":{"product_id":12,"variant_id":77}}"#),
        ("store/channel/2/product/unassigned", #"{"product_id":12}"#),
        ("store/channel/1/category/product/assigned", #"{"product_id":12,"category_id":4}"#),
    ])
    func productScopesQueueOneProductJob(scope: String, data: String) throws {
        #expect(try jobs(scope, data) == [JobKey(kind: .productSync, entity: "12")])
    }

    @Test func storeWideScopesQueueACatalogRefresh() throws {
        for scope in ["store/category/updated", "store/channel/1/categoryTree/updated", "store/information/updated",
                      "store/priceList/assignment/updated", "store/priceList/deactivated"] {
            #expect(try jobs(scope, #"{"id":3}"#) == [JobKey(kind: .catalogRefresh, entity: "store")], "\(scope)")
        }
    }

    @Test func batchPriceRecordsQueueOneJobPerListAndVariant() throws {
        let keys = try jobs(
            "store/priceList/records/updated",
            #"[{"price_list_id":1,"variant_id":5,"currency":"gbp"},{"price_list_id":1,"variant_id":6,"currency":"eur"}]"#)
        #expect(keys.map(\.entity) == ["1/5", "1/6"])
        #expect(Set(keys.map(\.kind)) == [.priceRecordSync])
    }

    @Test(arguments: [
        "store/order/created", "store/order/updated", "store/order/statusUpdated", "store/order/archived",
        "store/order/refund/created", "store/channel/2/order/created", "store/channel/1/order/statusUpdated",
    ])
    func orderScopesQueueOneOrderSyncJob(scope: String) throws {
        let payload = try WebhookPayload.decode(Array(#"{"scope":"\#(scope)","store_id":1,"data":{"type":"order","id":5}}"#.utf8))
        let planned = try WebhookJobPlanner.jobs(for: payload)
        #expect(planned.map(\.0) == [JobKey(kind: .orderSync, entity: "5")])
        #expect(planned.map(\.0) == [BackgroundJob.order(5).key])
        #expect(OrderSyncPayload.decode(planned[0].1) == OrderSyncPayload(source: .webhook, scope: scope))
    }

    @Test func aConvertedCartQueuesItsOrderWithTheCartID() throws {
        let payload = try WebhookPayload.decode(Array(
            #"{"scope":"store/cart/converted","store_id":1,"data":{"type":"cart","id":"a-b","orderId":5}}"#.utf8))
        let planned = try WebhookJobPlanner.jobs(for: payload)
        #expect(planned.map(\.0) == [JobKey(kind: .orderSync, entity: "5")])
        #expect(OrderSyncPayload.decode(planned[0].1).cartID == "a-b")
        #expect(OrderSyncPayload.decode(planned[0].1).source == .webhook)
        #expect(throws: WebhookJobPlanner.PlanError.missingIdentifier(scope: "store/cart/converted", field: "orderId")) {
            try jobs("store/cart/converted", #"{"type":"cart","id":"a-b"}"#)
        }
    }

    @Test func otherCartOrderTransactionAndCustomerAddressScopesAreStoredWithoutJobs() throws {
        #expect(try jobs("store/cart/created", #"{"type":"cart","id":"a-b"}"#).isEmpty)
        #expect(try jobs("store/cart/abandoned", #"{"type":"cart","id":"a-b"}"#).isEmpty)
        #expect(try jobs("store/cart/lineItem/updated", #"{"type":"cart_line_item","id":"x","cartId":"a-b"}"#).isEmpty)
        #expect(try jobs("store/channel/1/cart/updated", #"{"id":"a-b"}"#).isEmpty)
        #expect(try jobs("store/order/transaction/created", #"{"type":"transaction","order_id":"5","transaction_id":1}"#).isEmpty)
        #expect(try jobs("store/customer/address/updated", #"{"type":"customer","id":60,"address":{"customer_id":32}}"#).isEmpty)
        #expect(try jobs("store/customer/payment/instrument/default/updated", #"{"type":"customer","id":32}"#).isEmpty)
    }

    @Test func customerAndSubscriberScopesQueueTheirSyncJobs() throws {
        for scope in ["store/customer/created", "store/customer/updated", "store/customer/deleted"] {
            #expect(try jobs(scope, #"{"type":"customer","id":32}"#) == [BackgroundJob.customer(32).key])
        }
        #expect(
            try jobs("store/customer/channel/login/access/updated", #"{"customer_id":22,"channel_ids":[1]}"#)
                == [BackgroundJob.customer(22).key])
        for scope in ["store/subscriber/created", "store/subscriber/updated", "store/subscriber/deleted"] {
            #expect(try jobs(scope, #"{"type":"subscriber","id":5}"#) == [BackgroundJob.subscriber(5).key])
        }
        #expect(throws: WebhookJobPlanner.PlanError.missingIdentifier(scope: "store/subscriber/updated", field: "id")) {
            try jobs("store/subscriber/updated", #"{"type":"subscriber"}"#)
        }
    }

    @Test func newJobKeysReadBack() throws {
        let jobs: [BackgroundJob] = [
            .orderImport(.all), .orderImport(.storefront("main-usd")), .customerImport, .customerReconcile, .customer(7),
            .subscriber(9), .audience(storefront: "main-usd", id: "42"),
        ]
        for job in jobs { #expect(try BackgroundJob(job.key) == job) }
        #expect(throws: BackgroundJobError.unreadable(JobKey(kind: .audienceSync, entity: "42"))) {
            try BackgroundJob(JobKey(kind: .audienceSync, entity: "42"))
        }
    }

    @Test func payloadsThatAreNotJSONReadAsOther() {
        #expect(OrderSyncPayload.decode(Array("store/order/created".utf8)) == OrderSyncPayload(source: .other, scope: "store/order/created"))
        let purchase = OrderSyncPayload(source: .purchaseEvent, cartID: "c")
        #expect(OrderSyncPayload.decode(purchase.encoded()) == purchase)
    }

    @Test func unknownScopesAndMissingIdsAreRefused() throws {
        #expect(throws: WebhookJobPlanner.PlanError.unknownScope("store/bogus/thing")) {
            try jobs("store/bogus/thing", #"{"id":1}"#)
        }
        #expect(throws: WebhookJobPlanner.PlanError.missingIdentifier(scope: "store/product/updated", field: "id")) {
            try jobs("store/product/updated", #"{"type":"product"}"#)
        }
    }
}
