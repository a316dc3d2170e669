import AsyncHTTPClient
import Foundation
import JSONSupport
import Sandbox
import Testing

/// The control API over HTTP on the BigCommerce simulator's origin: each action changes the store through the
/// catalog and order helpers, delivers the webhooks they emit to a registered hook and says how each delivery went;
/// bad input is refused naming the member at fault, and changes nothing.
@Suite("Control API")
struct ControlAPITests {
    /// Runs `body` with one hook on every `store/…` scope, delivering to the fixture's receiver.
    static func withHook(
        respond: @escaping @Sendable (Int, SandboxWebhookReceiver.Delivery) -> Int = { _, _ in 200 },
        _ body: (WebhookFixture) async throws -> Void
    ) async throws {
        try await WebhookFixture.with(respond: respond) { fixture in
            _ = try fixture.sandbox.webhooks.createHook(scope: "store/*", destination: fixture.destination())
            try await body(fixture)
        }
    }

    /// One control request; `body` is sent as JSON.
    static func control(_ sandbox: SandboxServer, _ method: String, _ path: String, _ body: String? = nil) async throws -> Fetched {
        try await Sandboxes.fetch(
            sandbox.bigCommerceURL.absoluteString + path, method: method, token: nil, body: body.map { Array($0.utf8) })
    }

    /// The answer's JSON.
    static func json(_ fetched: Fetched) throws -> JSONValue {
        try #require(JSONValue.parse(fetched.body))
    }

    /// `(scope, outcome)` of every delivery the answer lists.
    static func deliveries(_ answer: JSONValue) -> [String] {
        guard case .array(let events)? = answer["webhooks"] else { return [] }
        return events.flatMap { event -> [String] in
            guard case .array(let deliveries)? = event["deliveries"] else { return [] }
            return deliveries.map { "\(event["scope"]?.stringValue ?? "?") \($0["outcome"]?.stringValue ?? "?")" }
        }
    }

    /// The answer's notes, joined.
    static func notes(_ answer: JSONValue) -> String {
        guard case .array(let notes)? = answer["notes"] else { return "" }
        return notes.compactMap(\.stringValue).joined(separator: "\n")
    }

    static func simpleProduct(_ sandbox: SandboxServer, tracking: String = "product") throws -> SandboxProduct {
        try #require(sandbox.store.allProducts().first {
            $0.inventoryTracking == tracking && $0.channels.contains(1) && (tracking != "variant" || $0.variants.count > 1)
        })
    }

    @Test func aPriceChangeIsDeliveredAsProductUpdated() async throws {
        try await Self.withHook { fixture in
            let product = try Self.simpleProduct(fixture.sandbox)
            let fetched = try await Self.control(fixture.sandbox, "PATCH", "/sandbox/products/\(product.id)", #"{"price": 19.99}"#)
            #expect(fetched.status == 200)
            let answer = try Self.json(fetched)
            #expect(answer["action"] == "update")
            #expect(answer.at("product.id")?.intValue == product.id)
            #expect(answer.at("product.price") == .number("19.99"))
            #expect(fixture.sandbox.store.product(id: product.id)?.price == Decimal(string: "19.99"))
            #expect(Self.deliveries(answer) == ["store/product/updated delivered"])
            #expect(await fixture.settle())
            #expect(fixture.payloads.map { $0["scope"] } == ["store/product/updated"])
            #expect(fixture.payloads.first?["data"] == ["type": "product", "id": .int(product.id)])
        }
    }

    @Test func stockIsDeliveredAsTheInventoryWebhooksOfItsTracking() async throws {
        try await Self.withHook { fixture in
            let sandbox = fixture.sandbox
            let byProduct = try Self.simpleProduct(sandbox)
            let answer = try Self.json(try await Self.control(sandbox, "PATCH", "/sandbox/products/\(byProduct.id)", #"{"stock": 0}"#))
            #expect(sandbox.store.product(id: byProduct.id)?.inventoryLevel == 0)
            #expect(Self.deliveries(answer) == ["store/product/inventory/updated delivered"])

            let byVariant = try Self.simpleProduct(sandbox, tracking: "variant")
            let variant = byVariant.variants[1]
            let one = try Self.json(try await Self.control(
                sandbox, "PATCH", "/sandbox/products/\(byVariant.id)", #"{"stock": 3, "variant_id": \#(variant.id)}"#))
            #expect(Self.deliveries(one) == ["store/sku/inventory/updated delivered"])
            let stored = try #require(sandbox.store.product(id: byVariant.id))
            #expect(stored.variants.first { $0.id == variant.id }?.inventoryLevel == 3)

            let untracked = try Self.simpleProduct(sandbox, tracking: "none")
            let silent = try Self.json(try await Self.control(sandbox, "PATCH", "/sandbox/products/\(untracked.id)", #"{"stock": 5}"#))
            #expect(Self.deliveries(silent).isEmpty)
            #expect(Self.notes(silent).contains("does not track inventory"))
            #expect(await fixture.settle())
            #expect(fixture.payloads.count == 2)
        }
    }

    @Test func aCopyIsCreatedWithItsOwnIDsAndDeletedAgain() async throws {
        try await Self.withHook { fixture in
            let sandbox = fixture.sandbox
            let template = try Self.simpleProduct(sandbox, tracking: "variant")
            let fetched = try await Self.control(sandbox, "POST", "/sandbox/products", #"{"like": \#(template.id), "name": "Trail lamp"}"#)
            #expect(fetched.status == 201)
            let answer = try Self.json(fetched)
            let id = try #require(answer.at("product.id")?.intValue)
            let created = try #require(sandbox.store.product(id: id))
            #expect(id != template.id)
            #expect(created.name == "Trail lamp")
            #expect(created.sku == "TRAIL-LAMP")
            #expect(created.customURL == "/trail-lamp/")
            #expect(created.price == template.price)
            #expect(created.variants.count == template.variants.count)
            #expect(created.variants.map(\.id) == created.variants.indices.map { id * 100 + $0 })
            #expect(created.variants.allSatisfy { $0.productID == id && $0.sku.hasPrefix("TRAIL-LAMP") })
            #expect(Self.deliveries(answer) == ["store/product/created delivered"])

            let deleted = try await Self.control(sandbox, "DELETE", "/sandbox/products/\(id)")
            #expect(deleted.status == 200)
            #expect(Self.deliveries(try Self.json(deleted)) == ["store/product/deleted delivered"])
            #expect(sandbox.store.product(id: id) == nil)
            let again = try await Self.control(sandbox, "DELETE", "/sandbox/products/\(id)")
            #expect(again.status == 404)
            #expect(try Self.json(again).at("error.code") == "unknown_product")

            let simple = try Self.json(try await Self.control(
                sandbox, "POST", "/sandbox/products", #"{"name": "Plain mug", "price": "4.5", "channels": [2]}"#))
            let plainID = try #require(simple.at("product.id")?.intValue)
            let plain = try #require(sandbox.store.product(id: plainID))
            #expect(plain.price == 4.5 && plain.channels == [2] && plain.variants.count == 1 && plain.baseVariantID == plain.variants[0].id)
            #expect(await fixture.settle())
            #expect(fixture.payloads.compactMap { $0["scope"]?.stringValue }
                == ["store/product/created", "store/product/deleted", "store/product/created"])
        }
    }

    @Test func channelAssignmentsAreDeliveredPerChannel() async throws {
        try await Self.withHook { fixture in
            let sandbox = fixture.sandbox
            let product = try #require(sandbox.store.allProducts().first { Set($0.channels) == [1, 2] })
            let path = "/sandbox/products/\(product.id)/channels/2"
            let unassigned = try Self.json(try await Self.control(sandbox, "DELETE", path))
            #expect(Self.deliveries(unassigned) == ["store/channel/2/product/unassigned delivered"])
            #expect(sandbox.store.product(id: product.id)?.channels == [1])

            let twice = try await Self.control(sandbox, "DELETE", path)
            #expect(twice.status == 409)
            #expect(try Self.json(twice).at("error.code") == "not_assigned")

            let assigned = try Self.json(try await Self.control(sandbox, "PUT", path))
            #expect(Self.deliveries(assigned) == ["store/channel/2/product/assigned delivered"])
            #expect(sandbox.store.product(id: product.id)?.channels == [1, 2])
            #expect(try await Self.control(sandbox, "PUT", path).status == 409)
            #expect(try await Self.control(sandbox, "PUT", "/sandbox/products/\(product.id)/channels/9").status == 404)
            #expect(await fixture.settle())
            #expect(fixture.payloads.allSatisfy { $0["data"] == ["product_id": .int(product.id)] })
        }
    }

    @Test func anOrderIsPlacedAndDeliveredAsACheckoutDoes() async throws {
        try await Self.withHook { fixture in
            let sandbox = fixture.sandbox
            let product = try Self.simpleProduct(sandbox)
            let body = #"{"items": [{"product_id": \#(product.id), "quantity": 2}], "customer_id": 2, "cart_id": "cart-7"}"#
            let fetched = try await Self.control(sandbox, "POST", "/sandbox/orders", body)
            #expect(fetched.status == 201)
            let answer = try Self.json(fetched)
            let id = try #require(answer.at("order.id")?.intValue)
            let order = try #require(sandbox.store.order(id: id))
            #expect(order.customerID == 2 && order.cartID == "cart-7" && order.statusID == 11 && order.channelID == 1)
            #expect(order.lines.map(\.productID) == [product.id] && order.lines.map(\.quantity) == [2])
            #expect(answer.at("order.status") == "Awaiting Fulfillment")
            #expect(Self.deliveries(answer) == [
                "store/order/created delivered", "store/order/statusUpdated delivered", "store/cart/converted delivered",
            ])

            let guest = try Self.json(try await Self.control(
                sandbox, "POST", "/sandbox/orders",
                #"{"items": [{"product_id": \#(product.id)}], "email": "g@example.com", "status_id": 0, "currency": "eur"}"#))
            let guestOrderID = try #require(guest.at("order.id")?.intValue)
            let incomplete = try #require(sandbox.store.order(id: guestOrderID))
            #expect(incomplete.customerID == 0 && incomplete.billingEmail == "g@example.com" && incomplete.statusID == 0)
            #expect(incomplete.currencyCode == "EUR")
            #expect(Self.deliveries(guest) == ["store/order/created delivered"])
            #expect(Self.notes(guest).contains("Incomplete"))
            #expect(await fixture.settle())
            #expect(fixture.payloads.count == 4)
        }
    }

    @Test func badInputIsRefusedNamingTheMemberAndChangesNothing() async throws {
        try await Self.withHook { fixture in
            let sandbox = fixture.sandbox
            let product = try Self.simpleProduct(sandbox)
            let other = try #require(sandbox.store.allProducts().first { !$0.channels.contains(1) })
            let products = "/sandbox/products"
            let one = "\(products)/\(product.id)"
            let item = #"{"product_id": \#(product.id)}"#
            let cases: [(method: String, path: String, body: String?, status: Int, code: String, field: String?)] = [
                ("PATCH", one, #"{"price": -1}"#, 400, "invalid_field", "price"),
                ("PATCH", one, #"{"price": "abc"}"#, 400, "invalid_field", "price"),
                ("PATCH", one, #"{"price": 1e3}"#, 400, "invalid_field", "price"),
                ("PATCH", one, #"{"price": 1.23456}"#, 400, "invalid_field", "price"),
                ("PATCH", one, #"{"price": 5, "stock": -1}"#, 400, "invalid_field", "stock"),
                ("PATCH", one, #"{"prise": 5}"#, 400, "unknown_field", "prise"),
                ("PATCH", one, #"{}"#, 400, "missing_field", "price"),
                ("PATCH", one, #"{"price": 5, "variant_id": \#(product.variants[0].id)}"#, 400, "invalid_field", "variant_id"),
                ("PATCH", one, #"{"stock": 5, "variant_id": 1}"#, 422, "unknown_variant", "variant_id"),
                ("PATCH", one, "[1]", 400, "invalid_json", nil),
                ("PATCH", "\(products)/1", #"{"price": 5}"#, 404, "unknown_product", "product_id"),
                ("PATCH", "\(products)/abc", #"{"price": 5}"#, 400, "invalid_field", "product_id"),
                ("DELETE", "\(products)/1", nil, 404, "unknown_product", "product_id"),
                ("POST", products, #"{"price": 5}"#, 400, "missing_field", "name"),
                ("POST", products, #"{"name": " "}"#, 400, "invalid_field", "name"),
                ("POST", products, #"{"name": "Lamp"}"#, 400, "missing_field", "price"),
                ("POST", products, #"{"name": "Lamp", "like": 1}"#, 422, "unknown_product", "like"),
                ("POST", products, #"{"name": "Lamp", "price": 5, "channels": [9]}"#, 422, "unknown_channel", "channels"),
                ("POST", products, #"{"name": "Lamp", "price": 5, "channels": []}"#, 400, "invalid_field", "channels"),
                ("PUT", "\(one)/channels/1", nil, 409, "already_assigned", "channel_id"),
                ("POST", "/sandbox/orders", #"{"customer_id": 2}"#, 400, "missing_field", "items"),
                ("POST", "/sandbox/orders", #"{"items": []}"#, 400, "invalid_field", "items"),
                ("POST", "/sandbox/orders", #"{"items": [{"quantity": 2}]}"#, 400, "missing_field", "items[0].product_id"),
                ("POST", "/sandbox/orders", #"{"items": [\#(item), {"product_id": \#(product.id), "quantity": 0}]}"#, 400, "invalid_field", "items[1].quantity"),
                ("POST", "/sandbox/orders", #"{"items": [{"product_id": 1}]}"#, 422, "unknown_product", "items[0].product_id"),
                ("POST", "/sandbox/orders", #"{"items": [{"product_id": \#(other.id)}]}"#, 422, "not_on_channel", "items[0].product_id"),
                ("POST", "/sandbox/orders", #"{"items": [\#(item)], "customer_id": 99}"#, 422, "unknown_customer", "customer_id"),
                ("POST", "/sandbox/orders", #"{"items": [\#(item)], "customer_id": 1, "email": "a@b.c"}"#, 400, "invalid_field", "email"),
                ("POST", "/sandbox/orders", #"{"items": [\#(item)], "status_id": 15}"#, 400, "invalid_field", "status_id"),
                ("POST", "/sandbox/orders", #"{"items": [\#(item)], "currency": "GBP"}"#, 422, "unknown_currency", "currency"),
                ("POST", "/sandbox/orders", #"{"items": [\#(item)], "channel_id": 7}"#, 422, "unknown_channel", "channel_id"),
                ("GET", "/sandbox/orders", nil, 405, "method_not_allowed", nil),
                ("GET", "/sandbox/nothing", nil, 404, "not_found", nil),
                ("GET", "\(products)?limit=0", nil, 400, "invalid_field", "limit"),
            ]
            for bad in cases {
                let fetched = try await Self.control(sandbox, bad.method, bad.path, bad.body)
                let answer = try Self.json(fetched)
                let label = "\(bad.method) \(bad.path) \(bad.body ?? "")"
                #expect(fetched.status == bad.status, "\(label)")
                #expect(answer.at("error.code")?.stringValue == bad.code, "\(label)")
                #expect(answer.at("error.field")?.stringValue == bad.field, "\(label)")
                #expect(answer.at("error.message")?.stringValue?.isEmpty == false, "\(label)")
            }
            var plain = HTTPClientRequest(url: sandbox.bigCommerceURL.absoluteString + one)
            plain.method = .PATCH
            plain.headers.add(name: "Content-Type", value: "text/plain")
            plain.body = .bytes(Array(#"{"price": 5}"#.utf8))
            #expect(try await HTTPClient.shared.execute(plain, timeout: .seconds(10)).status.code == 415)

            #expect(sandbox.store.product(id: product.id) == product)
            #expect(sandbox.store.product(id: other.id) == other)
            #expect(sandbox.store.orders().isEmpty)
            #expect(sandbox.webhooks.counters.eventsEmitted == 0)
            #expect(fixture.receiver.deliveries.isEmpty)
        }
    }

    @Test func deliveriesThatFailOrGoNowhereAreSaid() async throws {
        try await Self.withHook(respond: { _, _ in 500 }) { fixture in
            let product = try Self.simpleProduct(fixture.sandbox)
            let answer = try Self.json(try await Self.control(fixture.sandbox, "PATCH", "/sandbox/products/\(product.id)", #"{"price": 3}"#))
            #expect(Self.deliveries(answer) == ["store/product/updated failed"])
            #expect(answer.at("webhooks")?.encoded().contains(Array(#""reason":"HTTP 500""#.utf8)) == true)
        }
        try await Sandboxes.with(SandboxConfiguration(productCount: 20)) { sandbox in
            let product = try Self.simpleProduct(sandbox)
            let answer = try Self.json(try await Self.control(sandbox, "PATCH", "/sandbox/products/\(product.id)", #"{"price": 3}"#))
            guard case .array(let events)? = answer["webhooks"] else {
                Issue.record("no webhooks member")
                return
            }
            #expect(events.map { $0["scope"] } == ["store/product/updated"])
            #expect(events.first?["deliveries"] == .array([]))
            #expect(Self.notes(answer).contains("no active hook"))
        }
    }

    @Test func productsAreListedInPagesAndShownOneByOne() async throws {
        try await Sandboxes.with(SandboxConfiguration(productCount: 5)) { sandbox in
            let ids = sandbox.store.allProducts().map(\.id)
            let first = try Self.json(try await Self.control(sandbox, "GET", "/sandbox/products?limit=3"))
            guard case .array(let page)? = first["products"] else {
                Issue.record("no products member")
                return
            }
            #expect(page.compactMap { $0["id"]?.intValue } == Array(ids.prefix(3)))
            #expect(first["total"]?.intValue == 5)
            #expect(first["next_after"]?.intValue == ids[2])
            let rest = try Self.json(try await Self.control(sandbox, "GET", "/sandbox/products?limit=3&after=\(ids[2])"))
            #expect(rest["next_after"] == .null)
            let one = try Self.json(try await Self.control(sandbox, "GET", "/sandbox/products/\(ids[1])"))
            #expect(one.at("product.id")?.intValue == ids[1])
            #expect(one.at("product.variants") != nil)
        }
    }

    @Test func theControlAPIIsOutsideTheStoresQuota() async throws {
        try await Sandboxes.with(SandboxConfiguration(productCount: 5, rateLimitQuota: 1)) { sandbox in
            _ = try await Sandboxes.bc(sandbox, "/v2/store")
            #expect(try await Sandboxes.bc(sandbox, "/v2/store").status == 429)
            #expect(try await Self.control(sandbox, "GET", "/sandbox/products").status == 200)
        }
    }
}
