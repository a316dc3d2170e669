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

    /// `GET /v2/orders` with `min_id`, `max_id`, `cart_id`, `status_id`, `customer_id`, `channel_id`, `email`,
    /// `min_date_created`/`max_date_created` and `min_date_modified`/`max_date_modified` (RFC 2822 or ISO 8601), `sort`
    /// (`id`, `id:asc`; other orders are refused), `page` and `limit` (default 50, at most 250), and
    /// `include=consignments.line_items&consignment_structure=object` (each order's lines inside its consignments), by
    /// id ascending; 204 when nothing matches. Archived orders (`is_deleted`) are listed like others (UNCONFIRMED
    /// upstream).
    func orderList(_ query: QueryParameters) throws -> Response {
        let minID = try int(query, "min_id")
        let maxID = try int(query, "max_id")
        let statusID = try int(query, "status_id")
        let customerID = try int(query, "customer_id")
        let channelID = try int(query, "channel_id")
        let cartID = query["cart_id"]
        let email = query["email"]?.lowercased()
        var dates: [String: Date] = [:]
        for name in ["min_date_created", "max_date_created", "min_date_modified", "max_date_modified"] {
            guard let text = query[name] else { continue }
            guard let date = DateText.parseOrderFilter(text) else {
                throw Failure(status: 400, title: "The filter \(name) is not a valid date (RFC 2822 or ISO 8601).")
            }
            dates[name] = date
        }
        if let sort = query["sort"], sort != "id", sort != "id:asc" {
            throw Failure(status: 400, title: "The sandbox lists orders by id ascending only (sort=id:asc).")
        }
        let includes = Set((query["include"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        let withLines = includes.contains("consignments.line_items") && query["consignment_structure"] == "object"
        let (page, limit) = try paging(query)
        let slice = store.orders(minID: minID ?? 0, skip: (page - 1) * limit, limit: limit) { order in
            (maxID.map { order.id <= $0 } ?? true)
                && (statusID.map { order.statusID == $0 } ?? true) && (customerID.map { order.customerID == $0 } ?? true)
                && (channelID.map { order.channelID == $0 } ?? true) && (cartID.map { order.cartID == $0 } ?? true)
                && (email.map { order.billingEmail.lowercased() == $0 } ?? true)
                && (dates["min_date_created"].map { order.dateCreated >= $0 } ?? true)
                && (dates["max_date_created"].map { order.dateCreated <= $0 } ?? true)
                && (dates["min_date_modified"].map { order.dateModified >= $0 } ?? true)
                && (dates["max_date_modified"].map { order.dateModified <= $0 } ?? true)
        }
        if slice.isEmpty { return Response(status: .noContent) }
        var writer = JSONWriter(capacity: (withLines ? 3072 : 2048) * slice.count)
        writer.openArray()
        for order in slice { writer.orderV2(order, apiBase: apiBase, consignmentLines: withLines) }
        writer.closeArray()
        return .json(.ok, writer.bytes)
    }
}

extension JSONWriter {
    /// A V2 money string: 4 decimals.
    mutating func money(_ name: String, _ value: Decimal) {
        field(name, Decimals.fixed(value, places: 4))
    }

    /// A V2 order (reference §6.1): money as 4-decimal strings, dates RFC 2822, sub-resources as links; with
    /// `consignmentLines`, `consignments` in the object structure with every line inside: physical lines in one
    /// shipping consignment, digital ones in a download, gift certificates in an email consignment.
    mutating func orderV2(_ order: SandboxOrder, apiBase: String, consignmentLines: Bool = false) {
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
        if consignmentLines { consignments(order) }
        for resource in ["products", "shipping_addresses", "coupons"] {
            key(resource)
            openObject()
            field("url", "\(apiBase)/orders/\(order.id)/\(resource)")
            field("resource", "/orders/\(order.id)/\(resource)")
            closeObject()
        }
        closeObject()
    }

    private mutating func consignments(_ order: SandboxOrder) {
        let physical = order.lines.filter { $0.type == "physical" }
        let digital = order.lines.filter { $0.type == "digital" }
        let gifts = order.lines.filter { $0.type == "giftcertificate" }
        key("consignments")
        openObject()
        key("pickups")
        openArray()
        closeArray()
        key("shipping")
        openArray()
        if !physical.isEmpty {
            openObject()
            field("id", order.id * 10)
            field("first_name", order.billingFirstName)
            field("last_name", order.billingLastName)
            field("street_1", "1 Sandbox Way")
            field("city", "Austin")
            field("country_iso2", "US")
            field("email", order.billingEmail)
            field("shipping_method", "Free Shipping")
            key("line_items")
            openArray()
            for line in physical { orderProductV2(line, orderID: order.id) }
            closeArray()
            field("items_total", physical.reduce(0) { $0 + $1.quantity })
            field("items_shipped", 0)
            closeObject()
        }
        closeArray()
        key("downloads")
        openArray()
        if !digital.isEmpty {
            openObject()
            field("recipient_email", order.billingEmail)
            key("line_items")
            openArray()
            for line in digital { orderProductV2(line, orderID: order.id) }
            closeArray()
            closeObject()
        }
        closeArray()
        key("email")
        openObject()
        key("gift_certificates")
        openArray()
        for line in gifts {
            openObject()
            field("recipient_email", order.billingEmail)
            key("line_items")
            openArray()
            orderProductV2(line, orderID: order.id)
            closeArray()
            closeObject()
        }
        closeArray()
        closeObject()
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
