import Foundation
import Sandbox
import Testing

@testable import BigCommerceAPI

/// Orders V2: decoding the reference's shapes leniently, and the client's reads against the sandbox.
@Suite("Orders V2")
struct OrdersTests {
    /// The order example of reference §6.1, plus the fields the sale logger reads.
    static let orderJSON = """
        { "id": 250, "customer_id": 0, "channel_id": 1, "status_id": 11, "status": "Awaiting Fulfillment",
          "currency_code": "EUR", "default_currency_code": "EUR", "currency_exchange_rate": "0.9200000000",
          "total_inc_tax": "54.0000", "customer_locale": "fr", "cart_id": "a8458391-ef68-4fe5-9ec1-442e6a767364",
          "date_created": "Tue, 14 Jan 2025 09:02:11 +0000", "date_modified": "Tue, 14 Jan 2025 09:05:40 +0000",
          "is_deleted": false,
          "billing_address": { "email": "jane@example.com", "first_name": "Jane", "last_name": "Doe" },
          "products": { "url": "https://api.bigcommerce.com/stores/abc123/v2/orders/250/products", "resource": "/orders/250/products" } }
        """

    @Test func orderFromTheReferenceExample() throws {
        let order = try JSONDecoder().decode(Order.self, from: Data(Self.orderJSON.utf8))
        #expect(order.id == 250)
        #expect(order.customerID == 0)
        #expect(order.channelID == 1)
        #expect(order.statusID == 11)
        #expect(order.status == "Awaiting Fulfillment")
        #expect(order.currencyCode == "EUR" && order.defaultCurrencyCode == "EUR")
        #expect(order.currencyExchangeRate == Decimal(string: "0.92")!)
        #expect(order.customerLocale == "fr")
        #expect(order.cartID == "a8458391-ef68-4fe5-9ec1-442e6a767364")
        #expect(order.dateCreated == Date(timeIntervalSince1970: 1_736_845_331))
        #expect(order.dateModified == Date(timeIntervalSince1970: 1_736_845_540))
        #expect(order.billingEmail == "jane@example.com")
        #expect(order.billingFirstName == "Jane" && order.billingLastName == "Doe")
        #expect(!order.isDeleted)
    }

    @Test func sparseOrderFallsBackAndStringIDsAreRead() throws {
        let json = #"{"id":"7","status_id":"0","date_created":"Tue, 14 Jan 2025 09:02:11 +0000","currency_code":"usd","cart_id":""}"#
        let order = try JSONDecoder().decode(Order.self, from: Data(json.utf8))
        #expect(order.id == 7 && order.statusID == 0 && order.customerID == 0 && order.channelID == 1)
        #expect(order.defaultCurrencyCode == "USD")
        #expect(order.currencyExchangeRate == 1)
        #expect(order.cartID == nil)
        #expect(order.billingEmail == "")
        #expect(order.dateModified == nil)
    }

    @Test func orderWithoutACreationDateIsRefused() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Order.self, from: Data(#"{"id":1,"status_id":1,"date_created":"yesterday"}"#.utf8))
        }
    }

    @Test func orderLinesKeepMoneyExact() throws {
        let json = """
            [ { "id": 1, "order_id": 250, "product_id": 112, "variant_id": 77, "type": "physical", "quantity": 3,
                "price_inc_tax": "19.9900", "discounted_total_inc_tax": "50.0000", "is_refunded": false,
                "quantity_refunded": 1, "parent_order_product_id": null, "is_bundled_product": false },
              { "id": 2, "order_id": 250, "product_id": 0, "variant_id": 0, "type": "giftcertificate", "quantity": 1,
                "price_inc_tax": "25.0000", "discounted_total_inc_tax": "", "quantity_refunded": 0,
                "parent_order_product_id": 0, "is_bundled_product": false },
              { "id": 3, "order_id": 250, "product_id": 9, "quantity": "2", "price_inc_tax": 0,
                "parent_order_product_id": 1, "is_bundled_product": true, "is_refunded": 1 } ]
            """
        let lines = try JSONDecoder().decode([OrderProduct].self, from: Data(json.utf8))
        #expect(lines[0].priceIncTax == Decimal(string: "19.99")!)
        #expect(lines[0].discountedTotalIncTax == 50)
        #expect(lines[0].quantityRefunded == 1 && lines[0].parentOrderProductID == nil)
        #expect(lines[1].type == "giftcertificate" && lines[1].productID == 0)
        #expect(lines[1].discountedTotalIncTax == nil && lines[1].parentOrderProductID == nil)
        #expect(lines[2].quantity == 2 && lines[2].parentOrderProductID == 1 && lines[2].isBundledProduct && lines[2].isRefunded)
        #expect(lines[2].type == "physical")
    }

    // MARK: Against the sandbox

    @Test func unknownOrderIsNilAndKnownOrderRoundTrips() async throws {
        try await SandboxIntegrationTests.withSandbox(SandboxConfiguration(productCount: 30)) { sandbox, client in
            #expect(try await client.order(id: 4242) == nil)
            #expect(try await client.orderProducts(orderID: 4242).isEmpty)
            let product = try #require(sandbox.store.allProducts().first { $0.channels.contains(1) })
            let placed = try #require(sandbox.orderEvents.placeOrder(
                customerID: 1, items: [SandboxOrderItem(productID: product.id, quantity: 2)],
                displayCurrency: "EUR", transactionalCurrency: "EUR", cartID: "c-9"))
            let order = try #require(try await client.order(id: placed.id))
            #expect(order.customerID == 1 && order.channelID == 1 && order.statusID == 11)
            #expect(order.currencyCode == "EUR" && order.cartID == "c-9" && order.billingEmail == "ann@sandbox.example")
            #expect(order.currencyExchangeRate == Decimal(string: "0.92")!)
            #expect(order.dateCreated == placed.dateCreated)
            let lines = try await client.orderProducts(orderID: placed.id)
            #expect(lines.map(\.productID) == [product.id])
            #expect(lines[0].priceIncTax == placed.lines[0].priceIncTax)
            #expect(lines[0].discountedTotalIncTax == placed.lines[0].priceIncTax * 2)
        }
    }

    @Test(arguments: [0, 1, 250, 251, 501])
    func orderProductsReadsEveryPage(count: Int) async throws {
        try await SandboxIntegrationTests.withSandbox(SandboxConfiguration(productCount: 10)) { sandbox, client in
            let lines = (0..<count).map { index in
                SandboxOrderLine(id: 0, productID: 1000 + index, variantID: 0, name: "Line \(index)", quantity: 1, priceIncTax: 1)
            }
            let order = sandbox.store.addOrder(SandboxOrder(
                id: 0, customerID: 0, channelID: 1, statusID: 11, dateCreated: Date(), dateModified: Date(),
                currencyCode: "USD", defaultCurrencyCode: "USD", currencyExchangeRate: 1, cartID: nil,
                billingEmail: "x@example.com", lines: lines))
            let read = try await client.orderProducts(orderID: order.id)
            #expect(read.map(\.productID) == lines.map(\.productID))
            #expect(Set(read.map(\.id)).count == count)
        }
    }
}
