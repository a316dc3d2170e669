import Foundation
import Hummingbird
import JSONSupport

/// Orders V2 (reference §6.1): `GET /v2/orders`, `GET /v2/orders/{id}`, `GET /v2/orders/{id}/products`. Money is
/// written as strings with 4 decimals, dates in RFC 2822, and an empty list is 204 No Content, as V2 does.
extension BigCommerceSimulator {
    /// Routes `/v2/orders/…`; `rest` is what follows `orders`.
    func orders(_ rest: [String], query: QueryParameters) throws -> Response {
        switch rest.count {
        case 0:
            return try orderList(query)
        case 1:
            guard let id = Int(rest[0]), let order = store.order(id: id) else { throw Self.notFound }
            var writer = JSONWriter(capacity: 2048)
            writer.orderV2(order, apiBase: apiBase)
            return .json(.ok, writer.bytes)
        case 2 where rest[1] == "products":
            guard let id = Int(rest[0]), let order = store.order(id: id) else { throw Self.notFound }
            let (page, limit) = try paging(query)
            let start = min(order.lines.count, (page - 1) * limit)
            let slice = order.lines[start..<min(order.lines.count, start + limit)]
            if slice.isEmpty { return Response(status: .noContent) }
            var writer = JSONWriter(capacity: 1024 * slice.count)
            writer.openArray()
            for line in slice { writer.orderProductV2(line, orderID: order.id) }
            writer.closeArray()
            return .json(.ok, writer.bytes)
        default:
            throw Self.notFound
        }
    }

    /// V2's 404 body: `[{"status":404,"message":"The requested resource was not found."}]`.
    static var notFound: Failure { Failure(status: 404, title: "The requested resource was not found.") }

    /// `https://api.bigcommerce.com/stores/{hash}/v2`, as the resource links of an order show it.
    var apiBase: String { "https://api.bigcommerce.com/stores/\(storeHash)/v2" }

    /// `GET /v2/orders` with `min_id`, `max_id`, `cart_id`, `status_id`, `customer_id`, `channel_id`, `page` and
    /// `limit` (default 50, at most 250), by id ascending; 204 when nothing matches.
    func orderList(_ query: QueryParameters) throws -> Response {
        let minID = try int(query, "min_id")
        let maxID = try int(query, "max_id")
        let statusID = try int(query, "status_id")
        let customerID = try int(query, "customer_id")
        let channelID = try int(query, "channel_id")
        let cartID = query["cart_id"]
        let (page, limit) = try paging(query)
        let matches = store.orders().filter { order in
            (minID.map { order.id >= $0 } ?? true) && (maxID.map { order.id <= $0 } ?? true)
                && (statusID.map { order.statusID == $0 } ?? true) && (customerID.map { order.customerID == $0 } ?? true)
                && (channelID.map { order.channelID == $0 } ?? true) && (cartID.map { order.cartID == $0 } ?? true)
        }
        let start = min(matches.count, (page - 1) * limit)
        let slice = matches[start..<min(matches.count, start + limit)]
        if slice.isEmpty { return Response(status: .noContent) }
        var writer = JSONWriter(capacity: 2048 * slice.count)
        writer.openArray()
        for order in slice { writer.orderV2(order, apiBase: apiBase) }
        writer.closeArray()
        return .json(.ok, writer.bytes)
    }
}

extension JSONWriter {
    /// A V2 money string: 4 decimals.
    mutating func money(_ name: String, _ value: Decimal) {
        field(name, Decimals.fixed(value, places: 4))
    }

    /// A V2 order (reference §6.1): money as 4-decimal strings, dates RFC 2822, sub-resources as links.
    mutating func orderV2(_ order: SandboxOrder, apiBase: String) {
        let subtotal = order.subtotal
        let total = subtotal - order.discountAmount
        openObject()
        field("id", order.id)
        field("customer_id", order.customerID)
        field("date_created", DateText.rfc2822(order.dateCreated))
        field("date_modified", DateText.rfc2822(order.dateModified))
        field("date_shipped", "")
        field("status_id", order.statusID)
        field("status", SandboxOrder.statusName(order.statusID))
        field("custom_status", SandboxOrder.statusName(order.statusID))
        if let cartID = order.cartID { field("cart_id", cartID) }
        money("subtotal_ex_tax", subtotal)
        money("subtotal_inc_tax", subtotal)
        money("subtotal_tax", 0)
        money("base_shipping_cost", 0)
        money("shipping_cost_ex_tax", 0)
        money("shipping_cost_inc_tax", 0)
        money("total_ex_tax", total)
        money("total_inc_tax", total)
        money("total_tax", 0)
        field("items_total", order.lines.reduce(0) { $0 + $1.quantity })
        field("items_shipped", 0)
        field("payment_method", "Test Payment Gateway")
        field("payment_status", order.statusID == 0 ? "" : "captured")
        money("refunded_amount", order.lines.reduce(0) { $0 + $1.priceIncTax * Decimal($1.quantityRefunded) })
        money("discount_amount", order.discountAmount)
        money("coupon_discount", 0)
        field("currency_id", 0)
        field("currency_code", order.currencyCode)
        field("currency_exchange_rate", Decimals.fixed(order.currencyExchangeRate, places: 10))
        field("default_currency_id", 0)
        field("default_currency_code", order.defaultCurrencyCode)
        field("is_deleted", order.isDeleted)
        field("channel_id", order.channelID)
        field("customer_locale", order.customerLocale)
        field("order_source", "www")
        field("geoip_country_iso2", "US")
        key("billing_address")
        openObject()
        field("first_name", order.billingFirstName)
        field("last_name", order.billingLastName)
        field("company", "")
        field("street_1", "1 Sandbox Way")
        field("city", "Austin")
        field("state", "Texas")
        field("zip", "78751")
        field("country", "United States")
        field("country_iso2", "US")
        field("phone", "")
        field("email", order.billingEmail)
        closeObject()
        for resource in ["products", "shipping_addresses", "coupons"] {
            key(resource)
            openObject()
            field("url", "\(apiBase)/orders/\(order.id)/\(resource)")
            field("resource", "/orders/\(order.id)/\(resource)")
            closeObject()
        }
        closeObject()
    }

    /// A V2 order line (`/v2/orders/{id}/products`).
    mutating func orderProductV2(_ line: SandboxOrderLine, orderID: Int) {
        openObject()
        field("id", line.id)
        field("order_id", orderID)
        field("product_id", line.productID)
        field("variant_id", line.variantID)
        field("order_address_id", 0)
        field("name", line.name)
        field("name_customer", line.name)
        field("name_merchant", line.name)
        field("sku", line.sku)
        field("type", line.type)
        money("base_price", line.priceExTax)
        money("price_ex_tax", line.priceExTax)
        money("price_inc_tax", line.priceIncTax)
        money("price_tax", 0)
        money("base_total", line.totalIncTax)
        money("total_ex_tax", line.totalIncTax)
        money("total_inc_tax", line.totalIncTax)
        money("total_tax", 0)
        field("quantity", line.quantity)
        field("is_refunded", line.isRefunded)
        field("quantity_refunded", line.quantityRefunded)
        money("refund_amount", line.priceIncTax * Decimal(line.quantityRefunded))
        key("product_options")
        openArray()
        closeArray()
        key("applied_discounts")
        openArray()
        if line.discount != 0 {
            openObject()
            field("id", "sandbox-discount")
            money("amount", line.discount)
            field("name", "Sandbox discount")
            field("code", "")
            field("target", "product")
            closeObject()
        }
        closeArray()
        field("parent_order_product_id", line.parentOrderProductID)
        field("is_bundled_product", line.isBundledProduct)
        money("discounted_total_inc_tax", line.discountedTotalIncTax)
        closeObject()
    }
}
