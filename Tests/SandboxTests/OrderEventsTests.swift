import AsyncHTTPClient
import Crypto
import Foundation
import JSONSupport
import Sandbox
import Testing

/// Orders placed, moved and refunded in the sandbox: the V2 order routes and the webhooks each change emits.
@Suite("Order events")
struct OrderEventsTests {
    /// Runs `body` with one hook on every `store/…` scope, then returns the payloads it caused.
    static func emitted(_ body: (SandboxServer) async throws -> Void) async throws -> [JSONValue] {
        var payloads: [JSONValue] = []
        try await WebhookFixture.with { fixture in
            _ = try fixture.sandbox.webhooks.createHook(scope: "store/*", destination: fixture.destination())
            try await body(fixture.sandbox)
            #expect(await fixture.settle())
            payloads = fixture.receiver.deliveries.compactMap(\.json)
        }
        return payloads
    }

    static func product(_ sandbox: SandboxServer, channel: Int = 1) throws -> SandboxProduct {
        try #require(sandbox.store.allProducts().first { $0.channels.contains(channel) && $0.variants.count > 1 })
    }

    @Test func placingAnOrderEmitsCreatedStatusUpdatedAndCartConverted() async throws {
        var orderID = 0
        let payloads = try await Self.emitted { sandbox in
            let product = try Self.product(sandbox)
            let order = try #require(sandbox.orderEvents.placeOrder(
                customerID: 2, items: [SandboxOrderItem(productID: product.id, variantID: product.variants[1].id, quantity: 2)],
                cartID: "cart-1"))
            orderID = order.id
            #expect(order.statusID == 11)
            #expect(order.billingEmail == "ben@sandbox.example")
            #expect(order.lines.count == 1 && order.lines[0].priceIncTax == product.variants[1].calculatedPrice)
        }
        let id = JSONValue.int(orderID)
        #expect(Self.scopes(payloads) == ["store/cart/converted", "store/order/created", "store/order/statusUpdated"])
        #expect(Self.data(payloads, "store/order/created") == [["type": "order", "id": id]])
        #expect(Self.data(payloads, "store/order/statusUpdated")
            == [["type": "order", "id": id, "status": ["previous_status_id": 0, "new_status_id": 11]]])
        #expect(Self.data(payloads, "store/cart/converted") == [["type": "cart", "id": "cart-1", "orderId": id]])
    }

    @Test func anIncompleteOrderConvertsItsCartOnlyWhenItLeavesIncomplete() async throws {
        let payloads = try await Self.emitted { sandbox in
            let product = try Self.product(sandbox)
            let order = try #require(sandbox.orderEvents.placeOrder(
                guestEmail: "guest@example.com", items: [SandboxOrderItem(productID: product.id)], cartID: "c-2", status: 0))
            #expect(order.customerID == 0 && order.statusID == 0)
            #expect(sandbox.orderEvents.setStatus(orderID: order.id, statusID: 0)?.statusID == 0)
            #expect(sandbox.orderEvents.setStatus(orderID: order.id, statusID: 1)?.statusID == 1)
            #expect(sandbox.orderEvents.setStatus(orderID: order.id, statusID: 5)?.statusID == 5)
        }
        // Deliveries arrive concurrently, so their order is not checked.
        #expect(Self.scopes(payloads) == [
            "store/cart/converted", "store/order/created", "store/order/statusUpdated", "store/order/statusUpdated",
        ])
        #expect(Self.statusChanges(payloads) == Self.texts([
            ["previous_status_id": 0, "new_status_id": 1], ["previous_status_id": 1, "new_status_id": 5],
        ]))
    }

    @Test func refundsGrowQuantityRefundedAndSetStatus14Then4() async throws {
        let payloads = try await Self.emitted { sandbox in
            let product = try Self.product(sandbox)
            let order = try #require(sandbox.orderEvents.placeOrder(
                customerID: 1, items: [SandboxOrderItem(productID: product.id, quantity: 3)], cartID: nil))
            let line = order.lines[0].id
            let partial = try #require(sandbox.orderEvents.refund(orderID: order.id, lines: [line: 1]))
            #expect(partial.statusID == 14 && partial.lines[0].quantityRefunded == 1 && !partial.lines[0].isRefunded)
            let full = try #require(sandbox.orderEvents.refund(orderID: order.id, lines: [line: 5]))
            #expect(full.statusID == 4 && full.lines[0].quantityRefunded == 3 && full.lines[0].isRefunded)
        }
        #expect(Self.scopes(payloads) == [
            "store/order/created", "store/order/refund/created", "store/order/refund/created",
            "store/order/statusUpdated", "store/order/statusUpdated", "store/order/statusUpdated",
        ])
        #expect(Self.statusChanges(payloads) == Self.texts([
            ["previous_status_id": 0, "new_status_id": 11], ["previous_status_id": 11, "new_status_id": 14],
            ["previous_status_id": 14, "new_status_id": 4],
        ]))
    }

    /// The scopes of `payloads`, sorted (deliveries arrive in any order).
    static func scopes(_ payloads: [JSONValue]) -> [String] {
        payloads.compactMap { $0["scope"]?.stringValue }.sorted()
    }

    /// The `data` of the payloads of `scope`.
    static func data(_ payloads: [JSONValue], _ scope: String) -> [JSONValue?] {
        payloads.filter { $0["scope"]?.stringValue == scope }.map { $0["data"] }
    }

    /// The `status` objects of the `statusUpdated` payloads, as sorted JSON texts.
    static func statusChanges(_ payloads: [JSONValue]) -> [String] {
        texts(data(payloads, "store/order/statusUpdated").compactMap { $0?["status"] })
    }

    /// `values` as sorted JSON texts.
    static func texts(_ values: [JSONValue]) -> [String] {
        values.map { String(decoding: $0.encoded(), as: UTF8.self) }.sorted()
    }

    @Test func unknownTargetsChangeNothingAndEmitNothing() async throws {
        let payloads = try await Self.emitted { sandbox in
            let product = try Self.product(sandbox)
            #expect(sandbox.orderEvents.placeOrder(customerID: 99, items: [SandboxOrderItem(productID: product.id)]) == nil)
            #expect(sandbox.orderEvents.placeOrder(items: [SandboxOrderItem(productID: 1)]) == nil)
            #expect(sandbox.orderEvents.placeOrder(channelID: 9, items: [SandboxOrderItem(productID: product.id)]) == nil)
            #expect(sandbox.orderEvents.placeOrder(items: [SandboxOrderItem(productID: product.id)], displayCurrency: "JPY") == nil)
            #expect(sandbox.orderEvents.setStatus(orderID: 4242, statusID: 2) == nil)
            #expect(sandbox.orderEvents.refund(orderID: 4242) == nil)
            #expect(sandbox.store.orders().isEmpty)
        }
        #expect(payloads.isEmpty)
    }

    // MARK: Routes

    @Test func orderRoutesAnswerLikeV2() async throws {
        try await Sandboxes.with(SandboxConfiguration(productCount: 50)) { sandbox in
            let product = try Self.product(sandbox, channel: 2)
            let order = try #require(sandbox.orderEvents.placeOrder(
                channelID: 2, guestEmail: "g@example.com",
                items: [SandboxOrderItem(productID: product.id, quantity: 2, discount: Decimal(string: "1.5")!)],
                displayCurrency: "GBP", transactionalCurrency: "EUR", cartID: "cart-x",
                at: Date(timeIntervalSince1970: 1_736_845_331)))
            let fetched = try await Sandboxes.bc(sandbox, "/v2/orders/\(order.id)")
            #expect(fetched.status == 200)
            let object = fetched.object
            #expect(object["customer_id"] as? Int == 0)
            #expect(object["channel_id"] as? Int == 2)
            #expect(object["cart_id"] as? String == "cart-x")
            #expect(object["currency_code"] as? String == "GBP")
            #expect(object["default_currency_code"] as? String == "EUR")
            #expect(object["currency_exchange_rate"] as? String == "0.9200000000")
            #expect(object["date_created"] as? String == "Tue, 14 Jan 2025 09:02:11 +0000")
            #expect((object["billing_address"] as? [String: Any])?["email"] as? String == "g@example.com")
            let price = order.lines[0].priceIncTax
            #expect(object["subtotal_inc_tax"] as? String == Self.fixed4(price * 2))
            #expect(object["total_inc_tax"] as? String == Self.fixed4(price * 2 - Decimal(string: "1.5")!))

            let lines = try await Sandboxes.bc(sandbox, "/v2/orders/\(order.id)/products")
            let line = try #require((lines.json as? [[String: Any]])?.first)
            #expect(line["product_id"] as? Int == product.id)
            #expect(line["price_inc_tax"] as? String == Self.fixed4(price))
            #expect(line["discounted_total_inc_tax"] as? String == Self.fixed4(price * 2 - Decimal(string: "1.5")!))
            #expect(line["quantity_refunded"] as? Int == 0)
            #expect(line["parent_order_product_id"] is NSNull)

            let missing = try await Sandboxes.bc(sandbox, "/v2/orders/999999")
            #expect(missing.status == 404)
            #expect(String(decoding: missing.body, as: UTF8.self) == #"[{"status":404,"message":"The requested resource was not found."}]"#)
            #expect(try await Sandboxes.bc(sandbox, "/v2/orders/999999/products").status == 404)
            #expect(try await Sandboxes.bc(sandbox, "/v2/orders/\(order.id)/products?page=2").status == 204)
        }
    }

    @Test func orderListFiltersAndAnswers204WhenEmpty() async throws {
        try await Sandboxes.with(SandboxConfiguration(productCount: 50)) { sandbox in
            let product = try Self.product(sandbox)
            var ids: [Int] = []
            for index in 0..<5 {
                let order = try #require(sandbox.orderEvents.placeOrder(
                    customerID: 1, items: [SandboxOrderItem(productID: product.id)], cartID: "cart-\(index)",
                    status: index == 4 ? 0 : 11))
                ids.append(order.id)
            }
            func listed(_ query: String) async throws -> [Int] {
                let fetched = try await Sandboxes.bc(sandbox, "/v2/orders?\(query)")
                if fetched.status == 204 { return [] }
                return (fetched.json as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
            }
            #expect(try await listed("") == ids)
            #expect(try await listed("min_id=\(ids[2])") == Array(ids[2...]))
            #expect(try await listed("cart_id=cart-3") == [ids[3]])
            #expect(try await listed("status_id=0") == [ids[4]])
            #expect(try await listed("limit=2&page=2") == Array(ids[2..<4]))
            #expect(try await Sandboxes.bc(sandbox, "/v2/orders?cart_id=nope").status == 204)
            #expect(try await Sandboxes.bc(sandbox, "/v2/orders?limit=251").status == 413)
        }
    }

    static func fixed4(_ value: Decimal) -> String {
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, 4, .plain)
        let text = rounded.description
        guard let dot = text.firstIndex(of: ".") else { return text + ".0000" }
        return text + String(repeating: "0", count: 4 - text.distance(from: dot, to: text.endIndex) + 1)
    }

    // MARK: Current-customer JWT

    static func currentJWT(_ sandbox: SandboxServer, clientID: String, cookie: String?) async throws -> Fetched {
        var request = HTTPClientRequest(url: "\(sandbox.bigCommerceURL.absoluteString)/customer/current.jwt?app_client_id=\(clientID)")
        if let cookie { request.headers.add(name: "Cookie", value: cookie) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let buffer = try await response.body.collect(upTo: 1 << 20)
        return Fetched(status: Int(response.status.code), headers: [:], body: Array(buffer.readableBytesView))
    }

    @Test func currentCustomerJWTForTheLoggedInCustomerOnly() async throws {
        try await Sandboxes.with(SandboxConfiguration(productCount: 10)) { sandbox in
            let answered = try await Self.currentJWT(sandbox, clientID: "sandbox-client-id", cookie: "theme=x; sandbox_customer_id=2")
            #expect(answered.status == 200)
            let token = try #require(answered.object["token"] as? String)
            let parts = token.split(separator: ".").map(String.init)
            try #require(parts.count == 3)
            let claims = try #require(try JSONSerialization.jsonObject(with: Self.base64URL(parts[1])) as? [String: Any])
            #expect(Set(claims.keys) == ["customer", "iss", "iat", "exp", "operation", "store_hash"])
            let customer = try #require(claims["customer"] as? [String: Any])
            #expect(customer["id"] as? Int == 2)
            #expect(customer["email"] as? String == "ben@sandbox.example")
            #expect(customer["group_id"] as? Int == 2)
            #expect(claims["iss"] as? String == "bc/apps")
            #expect(claims["operation"] as? String == "current_customer")
            #expect(claims["store_hash"] as? String == sandbox.storeHash)
            let iat = try #require(claims["iat"] as? Int)
            #expect(claims["exp"] as? Int == iat + 900)
            let key = SymmetricKey(data: Array("sandbox-client-secret".utf8))
            #expect(HMAC<SHA256>.isValidAuthenticationCode(
                Array(Self.base64URL(parts[2])), authenticating: Array("\(parts[0]).\(parts[1])".utf8), using: key))

            #expect(try await Self.currentJWT(sandbox, clientID: "sandbox-client-id", cookie: nil).status == 404)
            #expect(try await Self.currentJWT(sandbox, clientID: "sandbox-client-id", cookie: "sandbox_customer_id=77").status == 404)
            #expect(try await Self.currentJWT(sandbox, clientID: "another-app", cookie: "sandbox_customer_id=2").status == 404)
        }
    }

    static func base64URL(_ text: String) -> Data {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64) ?? Data()
    }
}

/// The Clerk sandbox's `/v2/orders`: read back by id, updated by PATCH, refused for unknown orders.
@Suite("Clerk sandbox orders")
struct ClerkSandboxOrdersTests {
    @Test func ordersAreReadBackByIDAndPatchedOnlyWhenHeld() async throws {
        try await Sandboxes.with(SandboxConfiguration(productCount: 1)) { sandbox in
            let store = sandbox.clerkStores[0]
            let base = sandbox.clerkURL.absoluteString
            let sale = #"{"key":"\#(store.publicKey)","sale":"77","products":[{"id":5,"quantity":1,"price":2.5}],"visitor":"v9"}"#
            #expect(try await Sandboxes.fetch("\(base)/log/sale", method: "POST", token: nil, body: Array(sale.utf8)).status == 200)
            let patch = #"{"key":"\#(store.publicKey)","private_key":"\#(store.privateKey)","orders":[{"id":"77","status":"SENT"}]}"#
            #expect(try await Sandboxes.fetch("\(base)/orders", method: "PATCH", token: nil, body: Array(patch.utf8)).status == 200)
            let query = "key=\(store.publicKey)&private_key=\(store.privateKey)&orders=\(Sandboxes.percentEncoded("[77,\"78\"]"))"
            let read = try await Sandboxes.fetch("\(base)/orders?\(query)", token: nil)
            let orders = try #require(read.object["orders"] as? [[String: Any]])
            #expect(orders.count == 1)
            #expect(orders.first?["id"] as? String == "77")
            #expect(orders.first?["status"] as? String == "SENT")
            #expect(orders.first?["visitor"] as? String == "v9")

            let unknown = #"{"key":"\#(store.publicKey)","private_key":"\#(store.privateKey)","orders":[{"id":"78","status":"SENT"}]}"#
            let refused = try await Sandboxes.fetch("\(base)/orders", method: "PATCH", token: nil, body: Array(unknown.utf8))
            #expect(refused.status == 400)
            #expect(refused.object["status"] as? String == "error")
            #expect(refused.object["type"] as? String == "LogicalError")
            let badStatus = #"{"key":"\#(store.publicKey)","private_key":"\#(store.privateKey)","orders":[{"id":"77","status":"LOST"}]}"#
            #expect(try await Sandboxes.fetch("\(base)/orders", method: "PATCH", token: nil, body: Array(badStatus.utf8)).object["type"] as? String == "ParsingError")
            #expect(sandbox.clerkStorage.order(publicKey: store.publicKey, id: "77")?["status"] == "SENT")
        }
    }
}
